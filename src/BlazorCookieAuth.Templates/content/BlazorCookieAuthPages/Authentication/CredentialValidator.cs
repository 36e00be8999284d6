using BlazorCookieAuth;

namespace BlazorCookieAuthPages.Authentication;

/// <summary>
/// Checks the username and password that the login page posts to the kit's <c>POST /auth/login</c> endpoint.
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
}
