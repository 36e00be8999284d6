using System.Security.Claims;

namespace BlazorCookieAuth;

/// <summary>
/// The user of the last principal asked about, for the <see cref="ICurrentUser"/> implementations: claims are read
/// once per principal, since the state changes rarely and the user is read on every render.
/// </summary>
internal sealed class PrincipalUser
{
    private ClaimsPrincipal? _principal;
    private AuthUser _user = AuthUser.Anonymous;

    public AuthUser Of(ClaimsPrincipal? principal)
    {
        if (principal is null)
        {
            return AuthUser.Anonymous;
        }

        if (!ReferenceEquals(principal, _principal))
        {
            _user = AuthUser.FromClaimsPrincipal(principal);
            _principal = principal;
        }

        return _user;
    }
}
