namespace BlazorCookieAuth;

/// <summary>
/// Loads the app's own user for an auth id: Flask-Login's <c>user_loader</c>. Register it with
/// <c>AddUserLoader&lt;TUser, TLoader&gt;()</c> on the builder returned by <c>AddBlazorCookieAuth</c>.
/// Returning <see langword="null"/> logs the user out, for example when the account was deleted or disabled.
/// The kit asks it whether a signed-in user still exists when it first sees a token, then at most once per
/// <c>BlazorCookieAuthOptions.SessionCacheDuration</c> for that token (and at each circuit recheck), so a
/// user deleted behind the kit's back is refused within that time; end the user's sessions through
/// <c>IAuthSessionManager</c> for an immediate effect. <see cref="ICurrentUser.GetUserAsync{TUser}"/> loads
/// the user once per request or circuit.
/// In a WebAssembly client, register one with <c>builder.Services.AddScoped&lt;IAuthUserLoader&lt;TUser&gt;, TLoader&gt;()</c>
/// to serve <see cref="ICurrentUser.GetUserAsync{TUser}"/> and <c>&lt;CurrentAppUser&gt;</c> there; it usually asks an
/// API of the server, which is the one that checks the login.
/// </summary>
/// <typeparam name="TUser">The app's user type.</typeparam>
public interface IAuthUserLoader<TUser>
    where TUser : class
{
    /// <summary>Loads the user with the given auth id.</summary>
    /// <param name="authId">The auth id from the token.</param>
    /// <param name="cancellationToken">Cancels the load.</param>
    /// <returns>The user, or <see langword="null"/> when there is no such (active) user.</returns>
    Task<TUser?> LoadUserAsync(string authId, CancellationToken cancellationToken);
}
