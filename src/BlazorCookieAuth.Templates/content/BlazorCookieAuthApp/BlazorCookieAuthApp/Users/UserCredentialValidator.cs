using BlazorCookieAuth;
using Microsoft.AspNetCore.Identity;

#if (BLAZORCOOKIEAUTH_DEMO)
namespace BlazorCookieAuth.Demo.Users;
#else
namespace BlazorCookieAuthApp.Users;
#endif

/// <summary>
/// Checks passwords against the starter <see cref="UserStore"/>: the login form's username and password, for the
/// kit's <c>POST /auth/login</c> endpoint, and a signed-in user's password when they confirm it again, for
/// <c>POST /auth/reauthenticate</c> and <c>IAuthSession.ReauthenticateAsync</c>. The <see cref="AuthUser"/> that
/// <see cref="ValidateAsync"/> returns is what gets logged in.
/// </summary>
internal sealed class UserCredentialValidator(UserStore users, IPasswordHasher<AppUser> passwordHasher) : ICredentialValidator
{
    // A hash of no one's password: verifying against it makes an unknown username cost as much time as a
    // wrong password, so response times don't tell which usernames exist.
    private static readonly AppUser UnknownUser = new(string.Empty, string.Empty, string.Empty, string.Empty, []);
    private static readonly Lazy<string> UnknownUserPasswordHash =
        new(() => new PasswordHasher<AppUser>().HashPassword(UnknownUser, Guid.NewGuid().ToString()));

    public async Task<AuthUser?> ValidateAsync(string username, string password, CancellationToken cancellationToken)
    {
        var user = await users.FindByUserNameAsync(username, cancellationToken);
        if (user is null || !await VerifyPasswordAsync(user, password, cancellationToken))
        {
            return null;
        }

        return user.ToAuthUser();
    }

    public async Task<bool> ValidatePasswordAsync(AuthUser user, string password, CancellationToken cancellationToken)
    {
        var appUser = user.AuthId is { } id ? await users.FindByIdAsync(id, cancellationToken) : null;
        return await VerifyPasswordAsync(appUser, password, cancellationToken);
    }

    /// <summary>
    /// Verifies <paramref name="password"/> against the user's hash in constant time, and against a hash of no one's
    /// password when there is no such user, so that both take as long.
    /// </summary>
    private async Task<bool> VerifyPasswordAsync(AppUser? user, string password, CancellationToken cancellationToken)
    {
        if (user is null)
        {
            passwordHasher.VerifyHashedPassword(UnknownUser, UnknownUserPasswordHash.Value, password);
            return false;
        }

        var result = passwordHasher.VerifyHashedPassword(user, user.PasswordHash, password);
        if (result == PasswordVerificationResult.Failed)
        {
            return false;
        }

        // The hash was made with older settings (an older format, fewer iterations): replace it with a hash made
        // with today's, while the password is at hand.
        if (result == PasswordVerificationResult.SuccessRehashNeeded)
        {
            await users.UpdatePasswordHashAsync(user, passwordHasher.HashPassword(user, password), cancellationToken);
        }

        return true;
    }
}
