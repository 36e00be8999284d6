namespace BlazorCookieAuth;

/// <summary>
/// Logs the current request's user in and out: Quart-Auth's <c>login_user</c>, <c>logout_user</c> and
/// <c>renew_login</c>. A scoped service. Cookies travel only on HTTP responses, so use it from an HTTP
/// endpoint or a static-SSR page; from an interactive component each method throws an
/// <see cref="InvalidOperationException"/> that says so.
/// </summary>
public interface IAuthSession
{
    /// <summary>
    /// Logs the user in with a new session id and sets the cookie. The current request sees the user from now on.
    /// </summary>
    /// <param name="user">The user to log in.</param>
    /// <param name="remember">
    /// <see langword="true"/> for a persistent cookie that outlives the browser (Max-Age = <see cref="BlazorCookieAuthOptions.Duration"/>);
    /// <see langword="false"/> for a session cookie. Either way the login expires after <see cref="BlazorCookieAuthOptions.Duration"/>.
    /// </param>
    /// <returns>A task that completes when the cookie is set.</returns>
    /// <exception cref="InvalidOperationException">There is no HTTP response to write the cookie to.</exception>
    Task LoginAsync(AuthUser user, bool remember = false);

    /// <summary>
    /// Revokes the current session, so that copies of its cookie stop working, and deletes the cookie.
    /// In <see cref="AuthMode.Bearer"/> mode it revokes the session of the request's bearer token, so that
    /// token stops working.
    /// </summary>
    /// <returns>A task that completes when the session is revoked and the cookie deleted.</returns>
    /// <exception cref="InvalidOperationException">There is no HTTP response to write the cookie to.</exception>
    Task LogoutAsync();

    /// <summary>
    /// Re-issues the current login with fresh issue and expiry times, keeping its session and whether it is remembered.
    /// </summary>
    /// <returns>A task that completes when the new cookie is set.</returns>
    /// <exception cref="InvalidOperationException">The request is anonymous, or there is no HTTP response to write the cookie to.</exception>
    Task RenewAsync();
}
