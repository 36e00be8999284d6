namespace BlazorCookieAuth;

/// <summary>
/// Makes and reads tokens outside the cookie flow: Quart-Auth's <c>dump_token</c> and <c>load_token</c>.
/// A token made here authenticates as <c>Authorization: Bearer &lt;token&gt;</c> when
/// <see cref="BlazorCookieAuthOptions.Mode"/> accepts bearer tokens, and as the cookie value in cookie mode.
/// </summary>
public interface IAuthTokenService
{
    /// <summary>
    /// Starts a new session for the user in the session store and makes its token. The session lasts
    /// <see cref="BlazorCookieAuthOptions.Duration"/>, counts toward <see cref="BlazorCookieAuthOptions.MaxSessionsPerUser"/>,
    /// and is listed and ended like any other (<see cref="IAuthSessionManager"/>).
    /// </summary>
    /// <param name="user">The user; must be authenticated.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The base64url token.</returns>
    /// <exception cref="ArgumentException"><paramref name="user"/> is anonymous.</exception>
    Task<string> CreateTokenAsync(AuthUser user, CancellationToken cancellationToken = default);

    /// <summary>
    /// Reads a token and checks it as a request would: its expiry, its session in the store, and the app's
    /// user loader.
    /// </summary>
    /// <param name="token">The token.</param>
    /// <param name="cancellationToken">Cancels the check.</param>
    /// <returns>The user, or <see cref="AuthUser.Anonymous"/> when the token is not accepted.</returns>
    Task<AuthUser> ValidateTokenAsync(string token, CancellationToken cancellationToken = default);
}
