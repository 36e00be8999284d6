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
    /// <exception cref="CredentialsChangedException">
    /// The session's <see cref="AuthSessionRecord.AuthenticatedAt"/> is before the user's credentials-valid-from time
    /// (<see cref="SetCredentialsValidFromAsync"/>): its login checked the credentials the user has since changed.
    /// Checked and added as one atomic step, so a login racing a password change can't slip in between.
    /// </exception>
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

    /// <summary>
    /// Records that the user's credentials changed (a new password, a removed passkey, a deleted account): as one
    /// atomic step, sets the user's credentials-valid-from time to <paramref name="validFrom"/> (never moving it
    /// back), removes every session of the user whose <see cref="AuthSessionRecord.AuthenticatedAt"/> is before it,
    /// and from then on refuses in <see cref="CreateAsync"/> any session whose credentials were checked before it,
    /// such as one from a login that read the old password hash a moment before the change. The time is kept at
    /// least a day, far longer than any login takes; <see cref="RemoveExpiredAsync"/> may drop it after that.
    /// </summary>
    /// <param name="authId">The user's auth id.</param>
    /// <param name="validFrom">The first time at which a credential check counts; earlier ones are void.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The ids of the sessions removed.</returns>
    /// <exception cref="NotSupportedException">The store doesn't keep credentials-valid-from times (the default).</exception>
    Task<IReadOnlyList<string>> SetCredentialsValidFromAsync(string authId, DateTimeOffset validFrom, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException(
            $"{GetType().Name} doesn't support credential changes: implement IAuthSessionStore.SetCredentialsValidFromAsync, " +
            "which ends the user's older sessions and refuses older logins in CreateAsync as one atomic step.");
}
