using System.Security.Claims;

namespace BlazorCookieAuth.Components.Client;

/// <summary>A signed-in user as the page carries it.</summary>
internal sealed class ClientUser
{
    public string AuthId { get; set; } = string.Empty;

    public ClientClaim[] Claims { get; set; } = [];

    /// <summary>Unix milliseconds, as the claims carry times.</summary>
    public long? IssuedAt { get; set; }

    public long? ExpiresAt { get; set; }

    public long? AuthenticatedAt { get; set; }

    public bool IsPersistent { get; set; }

    /// <summary>The user again, or <see cref="AuthUser.Anonymous"/> when the page carried one that makes no sense.</summary>
    public AuthUser ToAuthUser()
    {
        if (string.IsNullOrWhiteSpace(AuthId) || IssuedAt is not { } issuedAt || ExpiresAt is not { } expiresAt)
        {
            return AuthUser.Anonymous;
        }

        var claims = Claims
            .Where(c => c is { Type.Length: > 0, Value: not null } && !ReservedClaimTypes.Contains(c.Type))
            .Select(c => new Claim(c.Type, c.Value))
            .ToArray();
        return new AuthUser(AuthId, claims)
        {
            IssuedAt = FromUnix(issuedAt),
            ExpiresAt = FromUnix(expiresAt),
            IsPersistent = IsPersistent,
            AuthenticatedAt = AuthenticatedAt is { } authenticatedAt ? FromUnix(authenticatedAt) : null,
        };
    }

    private static DateTimeOffset FromUnix(long milliseconds) =>
        DateTimeOffset.FromUnixTimeMilliseconds(Math.Clamp(milliseconds,
            DateTimeOffset.MinValue.ToUnixTimeMilliseconds(), DateTimeOffset.MaxValue.ToUnixTimeMilliseconds()));
}
