using BlazorCookieAuth;
using BlazorCookieAuth.Passkeys;

#if (BLAZORCOOKIEAUTH_DEMO)
namespace BlazorCookieAuth.Demo.Users;
#else
namespace BlazorCookieAuthApp.Users;
#endif

/// <summary>
/// Gives the user a passkey signs in, from the starter <see cref="UserStore"/>. The kit has checked the passkey and
/// knows whose it is; this returns that user as a password login carries them
/// (<see cref="AppUser.ToAuthUser"/>), so both logins make the same cookie.
/// </summary>
internal sealed class PasskeyUserLoader(UserStore users) : IPasskeyUserLoader
{
    public async Task<AuthUser?> LoadUserAsync(string authId, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(authId, cancellationToken);
        return user?.ToAuthUser();
    }

    // Every user of the starter store has a password, so removing their last passkey never locks them out.
    public Task<bool> HasOtherSignInAsync(string authId, CancellationToken cancellationToken) => Task.FromResult(true);
}
