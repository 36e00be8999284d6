namespace BlazorCookieAuth;

/// <summary>
/// Keeps the live login sessions: an allow-list, so a token is valid only while its session is here. It holds
/// live sessions, never history: ending a session removes it. The kit keeps a short in-process cache in front
/// of the store (<see cref="BlazorCookieAuthOptions.SessionCacheDuration"/>), so an authenticated request does
/// not reach the store every time. Register your own with <c>AddSessionStore&lt;TStore&gt;()</c>, as a singleton.
/// Every method is safe to call concurrently.
/// </summary>
public interface IAuthSessionStore
{
    /// <summary>
    /// Adds a new session. When its user then has more than <paramref name="maxSessionsPerUser"/> live sessions,
    /// the oldest of them (by <see cref="AuthSessionRecord.CreatedAt"/>) are removed. A store with a limit of its
    /// own (the memory store's) may remove other old sessions to make room too.
    /// </summary>
    /// <param name="session">The new session, with an id never used before.</param>
    /// <param name="maxSessionsPerUser">How many live sessions one user may have.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>
    /// The ids of the sessions this call removed to make room, oldest first, each once; empty when none were.
    /// The kit announces their end, so their circuits turn anonymous.
    /// </returns>
    Task<IReadOnlyList<string>> CreateAsync(AuthSessionRecord session, int maxSessionsPerUser, CancellationToken cancellationToken = default);

    /// <summary>Finds a live session.</summary>
    /// <param name="sessionId">The session id.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    /// <returns>The session, or <see langword="null"/> when there is none or it has ended (<see cref="AuthSessionRecord.EndsAt"/> has passed).</returns>
    ValueTask<AuthSessionRecord?> FindAsync(string sessionId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces a live session with <paramref name="session"/> (same id and user; a later last-seen or expiry time).
    /// Never re-creates a session that is gone: a logout racing a renewal must win.
    /// </summary>
    /// <param name="session">The changed session.</param>
    /// <param name="cancellationToken">Cancels the update.</param>
    /// <returns><see langword="false"/> when the session was no longer live.</returns>
    Task<bool> UpdateAsync(AuthSessionRecord session, CancellationToken cancellationToken = default);

    /// <summary>Removes a session.</summary>
    /// <param name="sessionId">The session id.</param>
    /// <param name="cancellationToken">Cancels the removal.</param>
    /// <returns><see langword="true"/> when the session was there.</returns>
    Task<bool> RemoveAsync(string sessionId, CancellationToken cancellationToken = default);

    /// <summary>Lists a user's live sessions, oldest first.</summary>
    /// <param name="authId">The user's auth id.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    /// <returns>The sessions; empty when the user has none.</returns>
    Task<IReadOnlyList<AuthSessionRecord>> ListAsync(string authId, CancellationToken cancellationToken = default);

    /// <summary>Removes every session of a user.</summary>
    /// <param name="authId">The user's auth id.</param>
    /// <param name="cancellationToken">Cancels the removal.</param>
    /// <returns>The ids of the sessions removed.</returns>
    Task<IReadOnlyList<string>> RemoveAllAsync(string authId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Removes the sessions that have ended. The kit calls it from a background service every
    /// <see cref="BlazorCookieAuthOptions.SessionCleanupInterval"/>, never on a request.
    /// </summary>
    /// <param name="cancellationToken">Cancels the cleanup.</param>
    /// <returns>How many sessions were removed.</returns>
    Task<int> RemoveExpiredAsync(CancellationToken cancellationToken = default);
}
