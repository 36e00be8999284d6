using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;

namespace BlazorCookieAuth.Demo.Users;

/// <summary>
/// Checks the login form's username and password against the SQLite user store, for the kit's
/// <c>POST /auth/login</c> endpoint.
/// </summary>
internal sealed class UserCredentialValidator(UserStore users, IPasswordHasher<DemoUser> passwordHasher) : ICredentialValidator
{
    // A hash of no one's password: verifying against it makes an unknown username cost as much time as a
    // wrong password, so response times don't tell which usernames exist.
    private static readonly DemoUser UnknownUser = new(0, string.Empty, string.Empty, string.Empty);
    private static readonly Lazy<string> UnknownUserPasswordHash =
        new(() => new PasswordHasher<DemoUser>().HashPassword(UnknownUser, Guid.NewGuid().ToString()));

    public async Task<AuthUser?> ValidateAsync(string username, string password, CancellationToken cancellationToken)
    {
        var user = await users.FindByUserNameAsync(username, cancellationToken);
        if (user is null)
        {
            passwordHasher.VerifyHashedPassword(UnknownUser, UnknownUserPasswordHash.Value, password);
            return null;
        }

        var result = passwordHasher.VerifyHashedPassword(user, user.PasswordHash, password);
        if (result == PasswordVerificationResult.Failed)
        {
            return null;
        }

        if (result == PasswordVerificationResult.SuccessRehashNeeded)
        {
            await users.UpdatePasswordHashAsync(user.Id, passwordHasher.HashPassword(user, password), cancellationToken);
        }

        return new AuthUser(
            user.Id.ToString(CultureInfo.InvariantCulture),
            [new Claim(ClaimTypes.Name, user.DisplayName)]);
    }
}
