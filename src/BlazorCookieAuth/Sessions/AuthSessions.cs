using System.Security.Cryptography;
using BlazorCookieAuth.Authentication;
using BlazorCookieAuth.Caching;
using BlazorCookieAuth.Diagnostics;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BlazorCookieAuth.Sessions;

/// <summary>
/// The lifecycle of login sessions: start, check, renew, end one, end all, and the end-of-session notices that
/// circuits and the cache hear. Everything that logs in or out goes through here; the authentication handler
/// only reads and writes cookies. When the store can't be reached, checks fail closed (the token is refused, not
/// deleted) and changes throw <see cref="AuthUnavailableException"/>; the outage is logged once, and its end too. A
/// logout's end then waits in <see cref="PendingSessionEnds"/>, refused here at once, until the store answers.
/// The sessions it ends are counted by reason (<see cref="SessionEndReason"/>).
/// </summary>
internal sealed class AuthSessions : IAuthSessionManager, IAuthSessionNotices, IDisposable
{
    /// <summary>A session's last-seen time is written at most this often, never on every request.</summary>
    public static readonly TimeSpan LastSeenWriteInterval = TimeSpan.FromMinutes(1);

    private const int SessionIdBytes = 16;

    private readonly IAuthSessionStore _store;
    private readonly SessionCache _cache;
    private readonly SessionEndNotices _notices;
    private readonly PendingSessionEnds _pendingEnds;
    private readonly IOptionsMonitor<BlazorCookieAuthOptions> _options;
    private readonly string _schemeName;
    private readonly TimeProvider _timeProvider;
    private readonly AuthTelemetry _telemetry;
    private readonly SessionHandles _handles;
    private readonly ILogger<AuthSessions> _logger;

    /// <summary>1 while the store fails, so an outage is logged once, not on every request.</summary>
    private int _storeFailing;

    /// <summary>1 while a distributed store's notices can't reach this server; its loss and return are logged once each.</summary>
    private int _noticesLost;

    /// <summary>1 while the logouts that waited for the store are being applied, so that one run goes at a time.</summary>
    private int _applyingPendingEnds;

    public AuthSessions(
        IAuthSessionStore store,
        SessionEndNotices notices,
        PendingSessionEnds pendingEnds,
        IOptionsMonitor<BlazorCookieAuthOptions> options,
        BlazorCookieAuthScheme scheme,
        TimeProvider timeProvider,
        CacheSweeper cacheSweeper,
        AuthTelemetry telemetry,
        SessionHandles handles,
        ILogger<AuthSessions> logger)
    {
        _handles = handles;
        _store = store;
        _notices = notices;
        _pendingEnds = pendingEnds;
        _options = options;
        _schemeName = scheme.Name;
        _timeProvider = timeProvider;
        _telemetry = telemetry;
        _logger = logger;
        var startup = options.Get(scheme.Name);
        _cache = new SessionCache(store, notices, cacheSweeper, startup.SessionCacheDuration, startup.SessionCacheSize);
    }

    /// <summary>The cache in front of the store, for tests that look at its bounds.</summary>
    internal SessionCache Cache => _cache;

    /// <summary>
    /// Starts a session for a user who just proved who they are. It lasts <see cref="BlazorCookieAuthOptions.Duration"/>
    /// when remembered, else <see cref="BlazorCookieAuthOptions.UnrememberedDuration"/> (at most Duration), and never
    /// past <paramref name="expiresCap"/>.
    /// </summary>
    /// <param name="authId">The user's auth id.</param>
    /// <param name="persistent">Whether the login is remembered.</param>
    /// <param name="expiresCap">The latest the session may last, or <see langword="null"/>.</param>
    /// <param name="client">A short description of the client.</param>
    /// <param name="data">The app's value for the session.</param>
    /// <param name="replacesOwnSession">
    /// Whether the new session replaces one of the same user that ends right after (a login in a browser already
    /// signed in as that user): that one leaves room for it, so it pushes no other device out at the cap.
    /// </param>
    /// <param name="credentialsCheckedAt">
    /// When the check of the credentials began (before the password hash was read), or <see langword="null"/> for now.
    /// A credential change after this time ends the session, or refuses it here (<see cref="CredentialsChangedException"/>).
    /// Only the kit's own times: a time the app gave goes through <see cref="CheckedBy"/> first.
    /// </param>
    /// <param name="credential">
    /// The credential other than a password that the login checked, such as a passkey, or <see langword="null"/>. The
    /// session keeps its name, and it must still exist once the session is stored.
    /// </param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <exception cref="CredentialsChangedException">
    /// The user's credentials changed after <paramref name="credentialsCheckedAt"/>, or <paramref name="credential"/> was
    /// removed meanwhile; no session was started.
    /// </exception>
    public async Task<AuthSessionRecord> StartAsync(
        string authId,
        bool persistent,
        DateTimeOffset? expiresCap,
        string? client,
        string? data,
        bool replacesOwnSession,
        DateTimeOffset? credentialsCheckedAt,
        SignInCredential? credential,
        CancellationToken cancellationToken)
    {
        if (data?.Length > AuthSessionRecord.MaxDataLength)
        {
            throw new ArgumentException($"The session data is {data.Length} characters; at most {AuthSessionRecord.MaxDataLength} are kept. Attach an id or a stamp, not a document.", nameof(data));
        }

        if (credential?.Name.Length > AuthSessionRecord.MaxCredentialLength)
        {
            throw new ArgumentException($"The credential's name is {credential.Name.Length} characters; at most {AuthSessionRecord.MaxCredentialLength} are kept.", nameof(credential));
        }

        var options = _options.Get(_schemeName);
        var now = Now();
        if (expiresCap is { } cap && cap <= now)
        {
            throw new ArgumentException($"AuthenticationProperties.ExpiresUtc ({cap:O}) is not in the future, so the login would end before it starts.", nameof(expiresCap));
        }

        var session = new AuthSessionRecord
        {
            SessionId = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(SessionIdBytes)),
            AuthId = authId,
            CreatedAt = now,
            LastSeenAt = now,
            ExpiresAt = Capped(now + Lifetime(options, persistent), expiresCap),
            MaxExpiresAt = expiresCap,
            AuthenticatedAt = credentialsCheckedAt is { } checkedAt ? Truncated(checkedAt) : now,
            IsPersistent = persistent,
            IdleTimeout = options.IdleTimeout,
            Client = client,
            Data = data,
            Credential = credential?.Name,
        };

        var maxSessions = options.MaxSessionsPerUser + (replacesOwnSession ? 1 : 0);
        var evicted = await StoreAsync(() => _store.CreateAsync(session, maxSessions, cancellationToken), "start a session", cancellationToken).ConfigureAwait(false);
        if (evicted.Count > 0)
        {
            _logger.OldestSessionsEnded(authId, evicted.Count, options.MaxSessionsPerUser);
            _telemetry.SessionsEnded(SessionEndReason.SessionLimit, evicted.Count);
            Announce(evicted);
        }

        if (credential is not null && !await StillExistsAsync(credential, session, cancellationToken).ConfigureAwait(false))
        {
            throw new CredentialsChangedException("The credential this login checked was removed while it signed in, so the login can't start a session.");
        }

        return session;
    }

    /// <summary>
    /// Asks, once <paramref name="session"/> is stored, whether the credential that started it still exists, and
    /// discards the session when it doesn't (or when the question fails). Asked after the session is stored, so that a
    /// removal of the credential either finds the session among those it ends (<see cref="EndByCredentialAsync"/>), or
    /// had removed the credential before this question, which then finds it gone.
    /// </summary>
    private async Task<bool> StillExistsAsync(SignInCredential credential, AuthSessionRecord session, CancellationToken cancellationToken)
    {
        var exists = false;
        try
        {
            exists = await credential.StillExistsAsync(cancellationToken).ConfigureAwait(false);
            return exists;
        }
        finally
        {
            if (!exists)
            {
                // Never counted as a login, so not counted as an end either; ended even when the request was aborted.
                await DiscardAsync(session.SessionId, CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Checks that the session is live and belongs to <paramref name="authId"/>. With <paramref name="seen"/>, the
    /// request counts as activity: the last-seen time is written once it is a minute old. A circuit's periodic
    /// recheck passes <see langword="false"/>, so polling never keeps an idle session alive.
    /// </summary>
    /// <returns>The session, or <see langword="null"/> when the token must be refused.</returns>
    /// <exception cref="AuthUnavailableException">The store can't be reached, so the session can't be checked.</exception>
    public async ValueTask<AuthSessionRecord?> CheckAsync(string sessionId, string authId, bool seen, CancellationToken cancellationToken)
    {
        AuthSessionRecord? session;
        try
        {
            (session, var fromStore) = await _cache.GetAsync(sessionId, cancellationToken).ConfigureAwait(false);

            // Asked before the store's answer applies the logouts that waited for it, and so forgets them.
            if (session is not null && _pendingEnds.Covers(session))
            {
                session = null;
            }

            if (fromStore)
            {
                StoreAnswered();
            }
        }
        catch (Exception exception) when (IsStoreFailure(exception, cancellationToken))
        {
            throw StoreFailed(exception, "check a session");
        }

        var now = Now();
        if (session is null || session.AuthId != authId || !session.IsLiveAt(now))
        {
            return null;
        }

        if (seen && now - session.LastSeenAt >= LastSeenWriteInterval)
        {
            await WriteLastSeenAsync(session, now, cancellationToken).ConfigureAwait(false);
        }

        return session;
    }

    /// <summary>Counts activity in a circuit (a click, a navigation) as the session being seen.</summary>
    public async Task SeeAsync(string sessionId, string authId)
    {
        try
        {
            await CheckAsync(sessionId, authId, seen: true, CancellationToken.None).ConfigureAwait(false);
        }
        catch (AuthUnavailableException)
        {
            // The outage is logged once where it was found; the circuit's next recheck turns it anonymous.
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            _logger.LastSeenWriteFailed(exception, authId);
        }
    }

    /// <summary>
    /// Gives a live session a fresh lifetime from now, never past its <see cref="AuthSessionRecord.MaxExpiresAt"/>. It is
    /// never re-created if it ended meanwhile.
    /// </summary>
    /// <returns>The renewed session, or <see langword="null"/> when it has ended.</returns>
    public async Task<AuthSessionRecord?> RenewAsync(AuthSessionRecord session, CancellationToken cancellationToken)
    {
        var now = Now();
        var renewed = session with
        {
            LastSeenAt = now,
            ExpiresAt = Capped(now + Lifetime(_options.Get(_schemeName), session.IsPersistent), session.MaxExpiresAt),
        };

        if (!await StoreAsync(() => _store.UpdateAsync(renewed, cancellationToken), "renew a session", cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        _cache.TryReplace(session, renewed);
        return renewed;
    }

    /// <summary>Ends one session, whoever it belongs to, as a logout does.</summary>
    /// <returns><see langword="true"/> when the store still had it.</returns>
    public async Task<bool> EndAsync(string sessionId, SessionEndReason reason, CancellationToken cancellationToken)
    {
        var ended = await RemoveAsync(sessionId, cancellationToken).ConfigureAwait(false);
        _telemetry.SessionsEnded(reason, ended ? 1 : 0);
        return ended;
    }

    /// <summary>
    /// Ends a session that never came into use, because its token couldn't be made right after it started. It was
    /// never counted as a login, so its end isn't counted either.
    /// </summary>
    public Task DiscardAsync(string sessionId, CancellationToken cancellationToken) => RemoveAsync(sessionId, cancellationToken);

    public async Task<IReadOnlyList<AuthSessionRecord>> ListSessionsAsync(string authId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(authId);
        var sessions = await StoreAsync(() => _store.ListAsync(authId, cancellationToken), "list sessions", cancellationToken).ConfigureAwait(false);
        return [.. sessions.Select(session => session with { Handle = _handles.Create(session) })];
    }

    public async Task<bool> EndSessionByHandleAsync(string authId, string handle, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(authId);
        ArgumentNullException.ThrowIfNull(handle);
        return _handles.TryRead(handle, authId) is { } sessionId
            && await EndSessionAsync(authId, sessionId, cancellationToken).ConfigureAwait(false);
    }

    public async Task<int> CredentialsChangedAsync(string authId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(authId);
        var (ended, _) = await ChangeCredentialsAsync(authId, cancellationToken).ConfigureAwait(false);
        return ended.Count;
    }

    /// <summary>
    /// Makes every earlier credential check of the user void, as one atomic step in the store: ends every session whose
    /// credentials were checked before now, and refuses from now on any login that checked them before now.
    /// </summary>
    /// <returns>The ids of the sessions ended, and the time from which credential checks count.</returns>
    /// <exception cref="AuthUnavailableException">The store can't be reached; nothing changed.</exception>
    /// <exception cref="NotSupportedException">The store doesn't support credential changes.</exception>
    public async Task<(IReadOnlyList<string> Ended, DateTimeOffset ValidFrom)> ChangeCredentialsAsync(string authId, CancellationToken cancellationToken)
    {
        // A millisecond on, so a check that began in the same millisecond as the change counts as before it.
        var validFrom = Now().AddMilliseconds(1);
        var ended = await StoreAsync(() => _store.SetCredentialsValidFromAsync(authId, validFrom, cancellationToken), "end the sessions of changed credentials", cancellationToken).ConfigureAwait(false);
        _telemetry.SessionsEnded(SessionEndReason.CredentialsChanged, ended.Count);
        Announce(ended);
        _logger.CredentialsChanged(authId, ended.Count);
        return (ended, validFrom);
    }

    public async Task<bool> EndSessionAsync(string authId, string sessionId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(authId);
        ArgumentException.ThrowIfNullOrEmpty(sessionId);

        // Read from the store itself: whose session it is must not depend on a cached answer.
        var session = await StoreAsync(() => _store.FindAsync(sessionId, cancellationToken).AsTask(), "find a session", cancellationToken).ConfigureAwait(false);
        if (session is null || session.AuthId != authId)
        {
            return false;
        }

        var ended = await EndAsync(sessionId, SessionEndReason.EndedByApp, cancellationToken).ConfigureAwait(false);
        if (ended)
        {
            _logger.SessionEnded(authId);
        }

        return ended;
    }

    public async Task<int> EndAllSessionsAsync(string authId, string? exceptSessionId = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(authId);
        var ended = await EndAllAsync(authId, exceptSessionId, SessionEndReason.EndedByApp, cancellationToken).ConfigureAwait(false);
        _logger.AllSessionsEnded(authId, ended, exceptSessionId is not null);
        return ended;
    }

    /// <summary>
    /// Ends every session of a user that <paramref name="credential"/> started (<see cref="AuthSessionRecord.Credential"/>),
    /// as a credential change does, once the credential is removed; the user's other sessions stay.
    /// </summary>
    /// <param name="authId">The user's auth id.</param>
    /// <param name="credential">The credential's name, as its sessions keep it.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The ids of the sessions ended.</returns>
    /// <exception cref="AuthUnavailableException">The store can't be reached; the sessions it had not yet removed stay.</exception>
    public async Task<IReadOnlyList<string>> EndByCredentialAsync(string authId, string credential, CancellationToken cancellationToken)
    {
        var ended = await StoreAsync(() => RemoveByCredentialAsync(authId, credential, cancellationToken), "end the sessions of a removed credential", cancellationToken).ConfigureAwait(false);
        _telemetry.SessionsEnded(SessionEndReason.CredentialsChanged, ended.Count);
        Announce(ended);
        return ended;
    }

    /// <summary>Ends every session of a user but <paramref name="exceptSessionId"/>, as a logout everywhere does.</summary>
    /// <returns>How many sessions were ended.</returns>
    public async Task<int> EndAllAsync(string authId, string? exceptSessionId, SessionEndReason reason, CancellationToken cancellationToken)
    {
        var ended = await StoreAsync(() => RemoveAllAsync(authId, exceptSessionId, cancellationToken), "end sessions", cancellationToken).ConfigureAwait(false);
        _telemetry.SessionsEnded(reason, ended.Count);
        Announce(ended);
        return ended.Count;
    }

    public void SessionsEnded(IEnumerable<string> sessionIds)
    {
        ArgumentNullException.ThrowIfNull(sessionIds);
        Announce([.. sessionIds]);
    }

    public void NoticesLost()
    {
        _cache.Suspend();
        if (Interlocked.Exchange(ref _noticesLost, 1) == 0)
        {
            _logger.SessionNoticesLost();
        }
    }

    public void NoticesRestored()
    {
        _cache.Resume();
        if (Interlocked.Exchange(ref _noticesLost, 0) == 1)
        {
            _logger.SessionNoticesRestored();
        }

        ApplyPendingEndsSoon();
    }

    /// <summary>
    /// Remembers a logout whose end the store couldn't take, because it can't be reached, and applies it once the
    /// store answers (<see cref="ApplyPendingEndsAsync"/>). Until then this server refuses the session, or with
    /// <paramref name="everywhere"/> every session the user started until now, and its circuits turn anonymous.
    /// </summary>
    /// <param name="authId">The user who logged out.</param>
    /// <param name="sessionId">The session of the logout.</param>
    /// <param name="everywhere">Whether the user logged out everywhere.</param>
    public void EndWhenStoreAnswers(string authId, string sessionId, bool everywhere)
    {
        _pendingEnds.Add(everywhere
            ? new PendingSessionEnd(authId, SessionId: null, Now(), SessionEndReason.LogoutEverywhere)
            : new PendingSessionEnd(authId, sessionId, Now(), SessionEndReason.Logout));
        Announce([sessionId]);
    }

    /// <summary>
    /// Applies the logouts that waited for the store, oldest first, as a logout does: removes their sessions from the
    /// store (a distributed store tells the other servers) and announces their end here. Stops at the first one the
    /// store can't take; the rest wait for the next try. One run at a time: a call during another does nothing.
    /// </summary>
    /// <returns>How many were applied.</returns>
    public async Task<int> ApplyPendingEndsAsync(CancellationToken cancellationToken)
    {
        if (_pendingEnds.Count == 0 || Interlocked.Exchange(ref _applyingPendingEnds, 1) == 1)
        {
            return 0;
        }

        var applied = 0;
        try
        {
            foreach (var end in _pendingEnds.Snapshot())
            {
                var ended = await StoreAsync(() => RemovePendingAsync(end, cancellationToken), "end a session", cancellationToken).ConfigureAwait(false);
                _pendingEnds.Remove(end);
                _telemetry.SessionsEnded(end.Reason, ended.Count);
                Announce(ended);
                applied++;
            }
        }
        catch (AuthUnavailableException)
        {
            // Still down (logged once per outage): the next try goes on from here.
        }
        finally
        {
            Volatile.Write(ref _applyingPendingEnds, 0);
        }

        if (applied > 0)
        {
            _logger.PendingSessionEndsApplied(applied);
        }

        return applied;
    }

    public void Dispose() => _cache.Dispose();

    /// <summary>
    /// A failure of the store itself, as opposed to the caller giving up: a cancelled request is not an outage.
    /// </summary>
    private static bool IsStoreFailure(Exception exception, CancellationToken cancellationToken) =>
        exception is not (OutOfMemoryException or CredentialsChangedException or NotSupportedException)
        && !(exception is OperationCanceledException && cancellationToken.IsCancellationRequested);

    private async Task<T> StoreAsync<T>(Func<Task<T>> operation, string what, CancellationToken cancellationToken)
    {
        T result;
        try
        {
            result = await operation().ConfigureAwait(false);
        }
        catch (Exception exception) when (IsStoreFailure(exception, cancellationToken))
        {
            throw StoreFailed(exception, what);
        }

        StoreAnswered();
        return result;
    }

    /// <summary>Logs the first failure of an outage as an error and the rest quietly; returns what to throw.</summary>
    private AuthUnavailableException StoreFailed(Exception exception, string what)
    {
        if (Interlocked.Exchange(ref _storeFailing, 1) == 0)
        {
            _logger.SessionStoreUnavailable(exception, what);
        }
        else
        {
            _logger.SessionStoreStillUnavailable(what);
        }

        return new AuthUnavailableException($"Couldn't {what}: the session store can't be reached right now.", exception);
    }

    private void StoreAnswered()
    {
        if (Volatile.Read(ref _storeFailing) == 1 && Interlocked.Exchange(ref _storeFailing, 0) == 1)
        {
            _logger.SessionStoreAvailable();
            ApplyPendingEndsSoon();
        }
    }

    /// <summary>Starts applying the logouts that waited for the store, off the caller's request.</summary>
    private void ApplyPendingEndsSoon()
    {
        if (_pendingEnds.Count > 0)
        {
            _ = Task.Run(() => ApplyPendingEndsAsync(CancellationToken.None));
        }
    }

    /// <summary>
    /// Removes what a pending end names from the store: its session, or every session of its user that started by
    /// the logout. A session the store no longer had is still announced: a copy of it may sit in a cache or a circuit.
    /// </summary>
    private async Task<IReadOnlyList<string>> RemovePendingAsync(PendingSessionEnd end, CancellationToken cancellationToken)
    {
        if (end.SessionId is { } sessionId)
        {
            await _store.RemoveAsync(sessionId, cancellationToken).ConfigureAwait(false);
            return [sessionId];
        }

        var removed = new List<string>();
        foreach (var session in await _store.ListAsync(end.AuthId, cancellationToken).ConfigureAwait(false))
        {
            if (session.CreatedAt <= end.EndedAt && await _store.RemoveAsync(session.SessionId, cancellationToken).ConfigureAwait(false))
            {
                removed.Add(session.SessionId);
            }
        }

        return removed;
    }

    private async Task<bool> RemoveAsync(string sessionId, CancellationToken cancellationToken)
    {
        var removed = await StoreAsync(() => _store.RemoveAsync(sessionId, cancellationToken), "end a session", cancellationToken).ConfigureAwait(false);

        // Announced even when the store no longer had it: a copy of it may still sit in a cache or a circuit.
        Announce([sessionId]);
        return removed;
    }

    private async Task<IReadOnlyList<string>> RemoveAllAsync(string authId, string? exceptSessionId, CancellationToken cancellationToken)
    {
        if (exceptSessionId is null)
        {
            return await _store.RemoveAllAsync(authId, cancellationToken).ConfigureAwait(false);
        }

        var removed = new List<string>();
        foreach (var session in await _store.ListAsync(authId, cancellationToken).ConfigureAwait(false))
        {
            if (session.SessionId != exceptSessionId && await _store.RemoveAsync(session.SessionId, cancellationToken).ConfigureAwait(false))
            {
                removed.Add(session.SessionId);
            }
        }

        return removed;
    }

    private async Task<IReadOnlyList<string>> RemoveByCredentialAsync(string authId, string credential, CancellationToken cancellationToken)
    {
        var removed = new List<string>();
        foreach (var session in await _store.ListAsync(authId, cancellationToken).ConfigureAwait(false))
        {
            if (session.Credential == credential && await _store.RemoveAsync(session.SessionId, cancellationToken).ConfigureAwait(false))
            {
                removed.Add(session.SessionId);
            }
        }

        return removed;
    }

    private static DateTimeOffset Capped(DateTimeOffset expiresAt, DateTimeOffset? cap) =>
        cap is { } latest && latest < expiresAt ? latest : expiresAt;

    /// <summary>How long a session lasts from its login or renewal.</summary>
    private static TimeSpan Lifetime(BlazorCookieAuthOptions options, bool persistent) =>
        persistent || options.Duration < options.UnrememberedDuration ? options.Duration : options.UnrememberedDuration;

    /// <summary>
    /// The credential check time an app gave with a user (<see cref="AuthUser.AuthenticatedAt"/>), when it is in the
    /// past; <see langword="null"/> (now) for none, or for a time to come, which would make a login fresh for longer.
    /// </summary>
    public DateTimeOffset? CheckedBy(AuthUser user) => user.AuthenticatedAt is { } at && at <= _timeProvider.GetUtcNow() ? at : null;

    /// <summary>The current time in whole milliseconds, the precision that tokens and stores keep.</summary>
    public DateTimeOffset Now() => Truncated(_timeProvider.GetUtcNow());

    /// <summary><paramref name="time"/> in whole milliseconds, rounded down.</summary>
    private static DateTimeOffset Truncated(DateTimeOffset time) => time.AddTicks(-(time.UtcTicks % TimeSpan.TicksPerMillisecond));

    private async Task WriteLastSeenAsync(AuthSessionRecord session, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var seen = session with { LastSeenAt = now };

        // Of the requests that find the same stale last-seen time, one writes it.
        if (!_cache.TryReplace(session, seen))
        {
            return;
        }

        try
        {
            await _store.UpdateAsync(seen, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException and not OutOfMemoryException)
        {
            // The session was found live; failing to note the time must not fail the request.
            _logger.LastSeenWriteFailed(exception, session.AuthId);
        }
    }

    private void Announce(IReadOnlyList<string> sessionIds)
    {
        if (sessionIds.Count == 0)
        {
            return;
        }

        _notices.Publish(sessionIds);
    }
}
