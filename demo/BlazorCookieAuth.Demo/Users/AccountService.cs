using Microsoft.AspNetCore.Identity;

namespace BlazorCookieAuth.Demo.Users;

/// <summary>
/// What a signed-in user does to their own account: change the password and delete the account. Both end login
/// sessions, so that a stolen or forgotten cookie stops working.
/// </summary>
internal sealed class AccountService(UserStore users, IPasswordHasher<AppUser> passwordHasher, IAuthSessionManager sessions)
{
    /// <summary>The shortest new password accepted.</summary>
    public const int MinPasswordLength = 8;

    /// <summary>
    /// Changes the password after checking the current one, then ends every session of the user but
    /// <paramref name="currentSessionId"/>: the other devices must log in with the new password.
    /// </summary>
    /// <returns>How many other sessions were ended, or <see langword="null"/> when the current password is wrong.</returns>
    public async Task<int?> ChangePasswordAsync(
        string userId, string currentPassword, string newPassword, string currentSessionId, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(newPassword.Length, MinPasswordLength, nameof(newPassword));
        var user = await users.FindByIdAsync(userId, cancellationToken);
        if (user is null || passwordHasher.VerifyHashedPassword(user, user.PasswordHash, currentPassword) == PasswordVerificationResult.Failed)
        {
            return null;
        }

        await users.UpdatePasswordHashAsync(user, passwordHasher.HashPassword(user, newPassword), cancellationToken);
        return await sessions.EndAllSessionsAsync(user.Id, currentSessionId, cancellationToken);
    }

    /// <summary>Deletes the user after checking the password, and ends every session of the user.</summary>
    /// <returns><see langword="false"/> when the password is wrong.</returns>
    public async Task<bool> DeleteAsync(string userId, string password, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(userId, cancellationToken);
        if (user is null || passwordHasher.VerifyHashedPassword(user, user.PasswordHash, password) == PasswordVerificationResult.Failed)
        {
            return false;
        }

        await users.DeleteAsync(user.Id, cancellationToken);
        await sessions.EndAllSessionsAsync(user.Id, exceptSessionId: null, cancellationToken);
        return true;
    }
}
