namespace BlazorCookieAuth;

/// <summary>
/// The claim types BlazorCookieAuth adds to the <see cref="System.Security.Claims.ClaimsPrincipal"/> of a
/// signed-in user, beside the auth id in <see cref="System.Security.Claims.ClaimTypes.NameIdentifier"/>.
/// </summary>
public static class BlazorCookieAuthClaimTypes
{
    /// <summary>The id of the login session the token belongs to.</summary>
    public const string SessionId = ReservedClaimTypes.Prefix + "sessionid";

    /// <summary>When the token was issued, as Unix time in milliseconds.</summary>
    public const string IssuedAt = ReservedClaimTypes.Prefix + "iat";

    /// <summary>When the token expires, as Unix time in milliseconds.</summary>
    public const string ExpiresAt = ReservedClaimTypes.Prefix + "exp";

    /// <summary><c>true</c> when the login was remembered (a persistent cookie).</summary>
    public const string IsPersistent = ReservedClaimTypes.Prefix + "persistent";

    /// <summary>
    /// When the credentials were last checked for this login, as Unix time in milliseconds; absent when the login
    /// was restored from a remembered cookie after the browser closed. See <see cref="AuthUser.AuthenticatedAt"/>.
    /// </summary>
    public const string AuthenticatedAt = ReservedClaimTypes.Prefix + "auth_time";
}
