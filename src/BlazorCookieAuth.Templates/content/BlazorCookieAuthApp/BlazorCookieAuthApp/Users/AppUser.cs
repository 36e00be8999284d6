using System.Security.Claims;
using BlazorCookieAuth;

#if (BLAZORCOOKIEAUTH_DEMO)
namespace BlazorCookieAuth.Demo.Users;
#else
namespace BlazorCookieAuthApp.Users;
#endif

/// <summary>A user as the starter <see cref="UserStore"/> keeps it.</summary>
/// <param name="Id">The user's id, which is also the auth id in the login cookie.</param>
/// <param name="UserName">The name typed on the login page (unique, case-insensitive).</param>
/// <param name="DisplayName">The name the app shows, such as in the sign-in status.</param>
/// <param name="PasswordHash">The <c>PasswordHasher&lt;AppUser&gt;</c> hash of the password.</param>
/// <param name="Roles">The user's roles, checked by <c>[Authorize(Roles = ...)]</c>.</param>
internal sealed record AppUser(string Id, string UserName, string DisplayName, string PasswordHash, IReadOnlyList<string> Roles)
{
    /// <summary>
    /// The user as a login carries them: the id is the auth id, and the display name and roles travel in the cookie as
    /// claims. Every way of signing in (a password, a passkey) logs in this same user.
    /// </summary>
    public AuthUser ToAuthUser() =>
        new(Id, [new Claim(ClaimTypes.Name, DisplayName), .. Roles.Select(role => new Claim(ClaimTypes.Role, role))]);
}
