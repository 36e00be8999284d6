namespace BlazorCookieAuth.EntityFrameworkCore;

/// <summary>
/// A row of the credential changes table: the time from which a user's credentials count, set by
/// <see cref="IAuthSessionStore.SetCredentialsValidFromAsync"/>. A login whose credential check began earlier can't
/// start a session. Kept for <see cref="Lifetime"/>, a Unix millisecond time like the session times.
/// </summary>
internal sealed class AuthCredentialsChangeEntity
{
    /// <summary>How long a row is kept: far longer than any login takes; the cleanup removes it after that.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(1);

    public string AuthId { get; set; } = string.Empty;

    public long ValidFrom { get; set; }
}
