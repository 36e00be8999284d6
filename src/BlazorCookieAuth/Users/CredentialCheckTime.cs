namespace BlazorCookieAuth.Users;

/// <summary>Marks a user about to be logged in with the time its credential check began.</summary>
internal static class CredentialCheckTime
{
    /// <summary>
    /// <paramref name="user"/> with <see cref="AuthUser.AuthenticatedAt"/> set to <paramref name="checkedAt"/>, the moment
    /// before its password was read: the session records it, so a password change after it ends the session.
    /// </summary>
    public static AuthUser CheckedAt(this AuthUser user, DateTimeOffset checkedAt) =>
        new(user.AuthId ?? throw new ArgumentException(KitErrors.AnonymousUser, nameof(user)), user.Claims) { AuthenticatedAt = checkedAt };
}
