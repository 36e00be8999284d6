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

    public string? ReauthenticationPath { get; set; }

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
