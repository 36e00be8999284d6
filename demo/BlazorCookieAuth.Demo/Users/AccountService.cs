using Microsoft.AspNetCore.Identity;

namespace BlazorCookieAuth.Demo.Users;

/// <summary>
/// What a signed-in user does to their own account: change the password and delete the account. The pages check
/// the user's password first with <see cref="IAuthSession.ReauthenticateAsync"/>, which counts wrong passwords
/// against the kit's login limits, so this service checks none itself.
/// </summary>
internal sealed class AccountService(UserStore users, IPasswordHasher<AppUser> passwordHasher, IAuthSessionManager sessions)
{
    /// <summary>The shortest new password accepted.</summary>
    public const int MinPasswordLength = 8;

    /// <summary>
    /// Saves a hash of <paramref name="newPassword"/> as the user's password. Then call
    /// <see cref="IAuthSession.CredentialsChangedAsync"/> from the request, which ends the user's other sessions (and
    /// logins that checked the old password a moment before) and gives this browser a new session.
    /// </summary>
    /// <exception cref="InvalidOperationException">There is no user with that id.</exception>
    public async Task ChangePasswordAsync(string userId, string newPassword, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(newPassword.Length, MinPasswordLength, nameof(newPassword));
        var user = await users.FindByIdAsync(userId, cancellationToken)
            ?? throw new InvalidOperationException($"There is no user with the id '{userId}'.");
        await users.UpdatePasswordHashAsync(user, passwordHasher.HashPassword(user, newPassword), cancellationToken);
    }

    /// <summary>
    /// Deletes the user, then ends every session of the user and refuses logins that checked the password before
    /// (<see cref="IAuthSessionManager.CredentialsChangedAsync"/>). This browser's cookie is the caller's to delete,
    /// with <see cref="IAuthSession.LogoutAsync"/>.
    /// </summary>
    public async Task DeleteAsync(string userId, CancellationToken cancellationToken)
    {
        await users.DeleteAsync(userId, cancellationToken);
        await sessions.CredentialsChangedAsync(userId, cancellationToken);
    }
}
