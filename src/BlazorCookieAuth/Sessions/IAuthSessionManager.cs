namespace BlazorCookieAuth;

/// <summary>
/// Lists and ends users' login sessions from app code: a "your devices" page, "sign out everywhere" after a
/// password change, or ending every session of a deleted user. A singleton; it works from circuits, background
/// services and HTTP requests alike, since it writes no cookie. An ended session's token stops working at once
/// on this server, and its interactive circuits here turn anonymous at once.
/// </summary>
public interface IAuthSessionManager
{
    /// <summary>
    /// Lists a user's live sessions, oldest first, each with a <see cref="AuthSessionRecord.Handle"/> for a page to
    /// post back to <see cref="EndSessionByHandleAsync"/>. Write the handle into a page, never the session id.
    /// </summary>
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

    /// <summary>
    /// Ends one session of a user, named by the <see cref="AuthSessionRecord.Handle"/> that
    /// <see cref="ListSessionsAsync"/> gave it. A handle of another user's session, a forged or damaged handle, or one
    /// older than an hour ends nothing.
    /// </summary>
    /// <param name="authId">The auth id the session must belong to.</param>
    /// <param name="handle">The handle, as the page posted it back.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns><see langword="true"/> when a live session of that user was ended.</returns>
    Task<bool> EndSessionByHandleAsync(string authId, string handle, CancellationToken cancellationToken = default);

    /// <summary>
    /// Tells the kit that a user's credentials changed (a new or reset password, a deleted account): ends every
    /// session of the user, on every server, and refuses from now on any login that checked the old credentials, even
    /// one still on its way (it read the old password hash a moment before the change). Call it after the change is
    /// saved. To keep the current browser signed in, call <see cref="IAuthSession.CredentialsChangedAsync"/> from its
    /// request instead, which also gives it a new session.
    /// </summary>
    /// <param name="authId">The user's auth id.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>How many sessions were ended.</returns>
    /// <exception cref="AuthUnavailableException">The session store can't be reached; nothing was changed. Try again.</exception>
    /// <exception cref="NotSupportedException">The session store doesn't support credential changes.</exception>
    Task<int> CredentialsChangedAsync(string authId, CancellationToken cancellationToken = default);
}
