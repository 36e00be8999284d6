namespace BlazorCookieAuth;

/// <summary>
/// Makes and reads tokens outside the cookie flow: Quart-Auth's <c>dump_token</c> and <c>load_token</c>.
/// A token made here authenticates as <c>Authorization: Bearer &lt;token&gt;</c> when
/// <see cref="BlazorCookieAuthOptions.Mode"/> accepts bearer tokens, and as the cookie value in cookie mode.
/// </summary>
public interface IAuthTokenService
{
    /// <summary>
    /// Makes a token for the user, with a new session id and a lifetime of <see cref="BlazorCookieAuthOptions.Duration"/>.
    /// </summary>
    /// <param name="user">The user; must be authenticated.</param>
    /// <returns>The base64url token.</returns>
    /// <exception cref="ArgumentException"><paramref name="user"/> is anonymous.</exception>
    string CreateToken(AuthUser user);

    /// <summary>
    /// Reads a token and checks its expiry and revocation, as a request would.
    /// </summary>
    /// <param name="token">The token.</param>
    /// <param name="cancellationToken">Cancels the check.</param>
    /// <returns>The user, or <see cref="AuthUser.Anonymous"/> when the token is not accepted.</returns>
    Task<AuthUser> ValidateTokenAsync(string token, CancellationToken cancellationToken = default);
}
