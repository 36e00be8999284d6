using System.Security.Claims;

namespace BlazorCookieAuth.Components.Client;

/// <summary>
/// What the server writes into the page for WebAssembly components: the signed-in user, if any, and where the login
/// page and the kit's endpoints are. It never holds the token, the session id or the browser secret: nothing in it
/// lets script act as the user, whose cookie stays HttpOnly.
/// </summary>
internal sealed class ClientAuthState
{
    /// <summary>The key under which the state is persisted into the page.</summary>
    public const string PersistenceKey = "BlazorCookieAuth.State";

    /// <summary>The signed-in user, or <see langword="null"/> for an anonymous one.</summary>
    public ClientUser? User { get; set; }

    public string LoginPath { get; set; } = BlazorCookieAuthDefaults.LoginPath;

    public string ReturnUrlParameter { get; set; } = BlazorCookieAuthDefaults.ReturnUrlParameter;

    public string EndpointPrefix { get; set; } = BlazorCookieAuthDefaults.EndpointPrefix;

    /// <summary>How often, in seconds, the page asks the server whether the login still holds.</summary>
    public double RevalidationSeconds { get; set; } = 30;

    /// <summary>
    /// The state for <paramref name="user"/>: its auth id, its times, whether it was remembered, and of its claims
    /// only the name and role claims and those of <paramref name="claimTypes"/>.
    /// </summary>
    public static ClientUser? ToClientUser(AuthUser user, ICollection<string> claimTypes)
    {
        if (user.AuthId is null)
        {
            return null;
        }

        var claims = new List<ClientClaim>();
        foreach (var claim in user.Claims)
        {
            if (claim.Type is ClaimTypes.Name or ClaimTypes.Role || claimTypes.Contains(claim.Type))
            {
                claims.Add(new ClientClaim { Type = claim.Type, Value = claim.Value });
            }
        }

        return new ClientUser
        {
            AuthId = user.AuthId,
            Claims = [.. claims],
            IssuedAt = user.IssuedAt?.ToUnixTimeMilliseconds(),
            ExpiresAt = user.ExpiresAt?.ToUnixTimeMilliseconds(),
            AuthenticatedAt = user.AuthenticatedAt?.ToUnixTimeMilliseconds(),
            IsPersistent = user.IsPersistent,
        };
    }
}

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
            .Where(c => c is { Type.Length: > 0, Value: not null } && !BlazorCookieAuthClaimTypes.IsReserved(c.Type))
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

/// <summary>One claim as the page carries it.</summary>
internal sealed class ClientClaim
{
    public string Type { get; set; } = string.Empty;

    public string Value { get; set; } = string.Empty;
}
