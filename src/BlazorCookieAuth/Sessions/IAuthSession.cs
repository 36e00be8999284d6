namespace BlazorCookieAuth;

/// <summary>
/// Logs the current request's user in and out: Quart-Auth's <c>login_user</c>, <c>logout_user</c> and
/// <c>renew_login</c>. A scoped service. Cookies travel only on HTTP responses, so use it from an HTTP
/// endpoint or a static-SSR page; from an interactive component each method throws an
/// <see cref="InvalidOperationException"/> that says so. To end sessions without writing a cookie (another
/// device's, or a deleted user's), use <see cref="IAuthSessionManager"/>.
/// </summary>
public interface IAuthSession
{
    /// <summary>
    /// Logs the user in: starts a new session in the session store (ending the one this browser had) and sets
    /// the cookie. The current request sees the user from now on.
    /// </summary>
    /// <param name="user">The user to log in.</param>
    /// <param name="remember">
    /// <see langword="true"/> for a persistent cookie that outlives the browser, and a session of
    /// <see cref="BlazorCookieAuthOptions.Duration"/>; <see langword="false"/> for a browser-session cookie and a
    /// session of <see cref="BlazorCookieAuthOptions.UnrememberedDuration"/>.
    /// </param>
    /// <param name="sessionData">
    /// An optional value kept with the session (<see cref="AuthSessionRecord.Data"/>), such as a security stamp;
    /// at most 1,024 characters.
    /// </param>
    /// <returns>A task that completes when the session is stored and the cookie set.</returns>
    /// <exception cref="InvalidOperationException">There is no HTTP response to write the cookie to.</exception>
    /// <exception cref="CredentialsChangedException">
    /// The user's credentials changed after <paramref name="user"/>'s <see cref="AuthUser.AuthenticatedAt"/>, when set:
    /// the password this login checked is no longer the user's. Answer it as wrong credentials.
    /// </exception>
    Task LoginAsync(AuthUser user, bool remember = false, string? sessionData = null);

    /// <summary>
    /// Ends the current session, so that copies of its cookie stop working, and deletes the cookie.
    /// In <see cref="AuthMode.Bearer"/> mode it ends the session of the request's bearer token.
    /// </summary>
    /// <returns>A task that completes when the session is ended and the cookie deleted.</returns>
    /// <exception cref="InvalidOperationException">There is no HTTP response to write the cookie to.</exception>
    Task LogoutAsync();

    /// <summary>
    /// Ends every session of the current user, on every device and browser, and deletes this browser's cookie.
    /// </summary>
    /// <returns>A task that completes when the sessions are ended and the cookie deleted.</returns>
    /// <exception cref="InvalidOperationException">There is no HTTP response to write the cookie to.</exception>
    Task LogoutEverywhereAsync();

    /// <summary>
    /// Gives the current session a fresh lifetime from now and re-issues its cookie, keeping the session id,
    /// whether it is remembered, and when the credentials were checked.
    /// </summary>
    /// <returns>A task that completes when the new cookie is set.</returns>
    /// <exception cref="InvalidOperationException">The request is anonymous, or there is no HTTP response to write the cookie to.</exception>
    Task RenewAsync();

    /// <summary>
    /// Has the signed-in user prove who they are again with their password, before a sensitive change: checked by the
    /// app's <see cref="ICredentialValidator.ValidatePasswordAsync"/> under the same limits as a login (failures per
    /// client and account, and per account across clients). Success makes the login fresh and gives it a new session
    /// id and cookie, as a login does.
    /// </summary>
    /// <param name="password">The password as typed.</param>
    /// <returns>Whether the password was right, or why it wasn't checked.</returns>
    /// <exception cref="InvalidOperationException">The request is anonymous, or there is no HTTP response to write the cookie to.</exception>
    Task<ReauthenticationResult> ReauthenticateAsync(string password);

    /// <summary>
    /// Tells the kit that the current user's credentials changed (call it once the new password is saved): ends every
    /// other session of the user, on every server, refuses from now on any login that checked the old credentials, and
    /// gives this browser a new session id and cookie, so a copy of its old cookie stops working too.
    /// </summary>
    /// <returns>How many other sessions were ended.</returns>
    /// <exception cref="InvalidOperationException">The request is anonymous, or there is no HTTP response to write the cookie to.</exception>
    /// <exception cref="AuthUnavailableException">The session store can't be reached. Nothing was changed; try again.</exception>
    Task<int> CredentialsChangedAsync();
}
