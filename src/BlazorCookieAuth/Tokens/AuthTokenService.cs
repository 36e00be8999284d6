using BlazorCookieAuth.Authentication;
using Microsoft.Extensions.Options;

namespace BlazorCookieAuth.Tokens;

/// <summary>Issues tokens for logins and bearer clients, and reads them back.</summary>
internal sealed class AuthTokenService(
    AuthTokenFormat format,
    AuthTokenValidator validator,
    IOptionsMonitor<BlazorCookieAuthOptions> options,
    BlazorCookieAuthScheme scheme,
    TimeProvider timeProvider) : IAuthTokenService
{
    public string CreateToken(AuthUser user) => format.Protect(Issue(user, AuthTokenFormat.NewSessionId(), isPersistent: true));

    public async Task<AuthUser> ValidateTokenAsync(string token, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(token);
        var (user, rejection) = await validator.ValidateAsync(token, cancellationToken).ConfigureAwait(false);
        return rejection == AuthTokenRejection.None ? user! : AuthUser.Anonymous;
    }

    /// <summary>Stamps a user with a session and fresh issue and expiry times.</summary>
    public AuthUser Issue(AuthUser user, string sessionId, bool isPersistent)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.AuthId is null)
        {
            throw new ArgumentException("An anonymous user has no token; pass a user created with an auth id.", nameof(user));
        }

        var now = timeProvider.GetUtcNow();
        var expiresAt = now + options.Get(scheme.Name).Duration;
        return new AuthUser(user.AuthId, user.Claims, sessionId, now, expiresAt, isPersistent);
    }

    public string Protect(AuthUser issuedUser) => format.Protect(issuedUser);
}
