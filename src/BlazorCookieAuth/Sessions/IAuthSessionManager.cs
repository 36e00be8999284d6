namespace BlazorCookieAuth;

/// <summary>
/// Lists and ends users' login sessions from app code: a "your devices" page, "sign out everywhere" after a
/// password change, or ending every session of a deleted user. A singleton; it works from circuits, background
/// services and HTTP requests alike, since it writes no cookie. An ended session's token stops working at once
/// on this server, and its interactive circuits here turn anonymous at once.
/// </summary>
public interface IAuthSessionManager
{
    /// <summary>Lists a user's live sessions, oldest first.</summary>
    /// <param name="authId">The user's auth id.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    /// <returns>The sessions; empty when the user has none.</returns>
    Task<IReadOnlyList<AuthSessionRecord>> ListSessionsAsync(string authId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Ends one session of a user. A session of another user is left alone, so a session id taken from a form
    /// can't end someone else's login.
    /// </summary>
    /// <param name="authId">The auth id the session must belong to.</param>
    /// <param name="sessionId">The session id.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns><see langword="true"/> when a live session of that user was ended.</returns>
    Task<bool> EndSessionAsync(string authId, string sessionId, CancellationToken cancellationToken = default);

    /// <summary>Ends every session of a user, or every one but <paramref name="exceptSessionId"/>.</summary>
    /// <param name="authId">The user's auth id.</param>
    /// <param name="exceptSessionId">A session to keep, such as the current one after a password change; <see langword="null"/> to end all.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>How many sessions were ended.</returns>
    Task<int> EndAllSessionsAsync(string authId, string? exceptSessionId = null, CancellationToken cancellationToken = default);
}
