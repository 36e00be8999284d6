using System.Security.Claims;
using BlazorCookieAuth.Passkeys;

namespace BlazorCookieAuth.Demo.Users;

/// <summary>
/// Gives the user a passkey signs in, from the user database, with the claims a password login carries (the display
/// name and roles), so both logins make the same cookie.
/// </summary>
internal sealed class PasskeyUserLoader(UserStore users) : IPasskeyUserLoader
{
    public async Task<AuthUser?> LoadUserAsync(string authId, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(authId, cancellationToken);
        if (user is null)
        {
            return null;
        }

        Claim[] claims = [new(ClaimTypes.Name, user.DisplayName), .. user.Roles.Select(role => new Claim(ClaimTypes.Role, role))];
        return new AuthUser(user.Id, claims);
    }

    // Every demo user has a password, so removing their last passkey never locks them out.
    public Task<bool> HasOtherSignInAsync(string authId, CancellationToken cancellationToken) => Task.FromResult(true);
}
