using BlazorCookieAuth;

namespace BlazorCookieAuthPages.Authentication;

/// <summary>
/// Checks the username and password that the login page posts to the kit's <c>POST /auth/login</c> endpoint, and
/// the password that the re-authentication page posts to <c>POST /auth/reauthenticate</c>.
/// The <see cref="AuthUser"/> it returns is what gets logged in.
/// </summary>
internal sealed class CredentialValidator : ICredentialValidator
{
    public Task<AuthUser?> ValidateAsync(string username, string password, CancellationToken cancellationToken)
    {
        // Your own check goes here: find the user, verify the password against its stored hash with a
        // constant-time primitive such as ASP.NET Core Identity's PasswordHasher<TUser> (spending the same
        // time on an unknown username), and return new AuthUser(user.Id) on a match.
        // Until then every login is refused.
        return Task.FromResult<AuthUser?>(null);
    }

    public Task<bool> ValidatePasswordAsync(AuthUser user, string password, CancellationToken cancellationToken)
    {
        // The same check for a user who is signed in already: find the user by user.AuthId and verify the password
        // as above. Until then every re-authentication is refused.
        return Task.FromResult(false);
    }
}
