using BlazorCookieAuth;
using BlazorCookieAuth.Passkeys;

namespace BlazorCookieAuthPages.Authentication;

/// <summary>
/// Gives the user a passkey signs in. The kit checks the passkey and knows whose it is; this loads that user, with
/// the same claims <see cref="CredentialValidator"/> gives a password login, so both logins make the same cookie.
/// </summary>
internal sealed class PasskeyUserLoader : IPasskeyUserLoader
{
    public Task<AuthUser?> LoadUserAsync(string authId, CancellationToken cancellationToken)
    {
        // Your own lookup goes here: find the user whose id is authId and return new AuthUser(user.Id, claims),
        // or null for an account that no longer exists or may not sign in. Until then every passkey is refused.
        return Task.FromResult<AuthUser?>(null);
    }

    public Task<bool> HasOtherSignInAsync(string authId, CancellationToken cancellationToken)
    {
        // Whether the user can sign in without a passkey, such as with a password. When they can't, removing their
        // last passkey is refused, so they can't lock themselves out.
        return Task.FromResult(true);
    }
}
