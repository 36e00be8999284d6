using BlazorCookieAuth.Caching;

namespace BlazorCookieAuth.Sessions;

/// <summary>
/// What this server last read from the session store, kept for <see cref="BlazorCookieAuthOptions.SessionCacheDuration"/>
/// so an authenticated request does not reach the store every time; at most
/// <see cref="BlazorCookieAuthOptions.SessionCacheSize"/> sessions, beyond which lookups go to the store until the sweep
/// frees room. Sessions ended here, or by another server whose notice reaches this one, are marked ended at once: the
/// cache hears every end through <see cref="SessionEndNotices"/>, as the <see cref="Tokens.ValidatedTokenCache"/> does.
/// A session never comes back once gone (ids are never reused, and updates never re-create), so "ended" is always safe
/// to keep; the only staleness is a session ended by another server whose notice doesn't reach this one, accepted here
/// until its entry is re-read.
/// </summary>
/// <remarks>
/// Bound, expiry and sweep are the shared <see cref="BoundedCache{TKey, TValue}"/>'s; what is particular to sessions
/// is here: a stale answer is read again rather than dropped, an ended session is marked rather than forgotten, and
/// concurrent readers agree through <see cref="TryReplace"/> on who writes a last-seen time.
/// </remarks>
internal sealed class SessionCache : IDisposable
{
    private readonly BoundedCache<string, Entry>? _entries;
    private readonly IAuthSessionStore _store;
    private readonly TimeSpan _duration;
    private readonly IDisposable _endsSubscription;
    private volatile bool _suspended;

    /// <param name="store">The store read on a miss.</param>
    /// <param name="endNotices">The ends of sessions, marked here at once.</param>
    /// <param name="sweeper">The sweep that drops stale entries, and the clock.</param>
    /// <param name="duration">How long a read is trusted; <see cref="TimeSpan.Zero"/> turns the cache off.</param>
    /// <param name="maxEntries">The most sessions kept; 0 turns the cache off.</param>
    public SessionCache(IAuthSessionStore store, SessionEndNotices endNotices, CacheSweeper sweeper, TimeSpan duration, int maxEntries)
    {
        _store = store;
        _duration = duration;
        if (duration > TimeSpan.Zero && maxEntries > 0)
        {
            // Sessions are bounded by count: each holds a record of bounded size (its data is capped).
            _entries = new BoundedCache<string, Entry>(maxEntries, long.MaxValue, StringComparer.Ordinal, sweeper);
        }

        // Listeners to every end hear it before the circuits of the ended sessions, so a circuit's recheck finds the mark.
        _endsSubscription = endNotices.SubscribeAll(MarkEnded);
    }

    /// <summary>How many entries the cache holds.</summary>
    public int Count => _entries?.Count ?? 0;

    /// <summary>The session as the store last said, read again once the cached answer is older than the cache duration.</summary>
    /// <returns>
    /// The session, or <see langword="null"/> when it has ended or never existed; and whether the store was asked
    /// this time, rather than the cache answering.
    /// </returns>
    public async ValueTask<(AuthSessionRecord? Session, bool FromStore)> GetAsync(string sessionId, CancellationToken cancellationToken)
    {
        if (_entries is null || _suspended)
        {
            return (await _store.FindAsync(sessionId, cancellationToken).ConfigureAwait(false), true);
        }

        _entries.TryGetValue(sessionId, out var seen);
        if (seen is not null && (seen.Session is null || !_entries.IsExpired(seen)))
        {
            return (seen.Session, false);
        }

        var session = await _store.FindAsync(sessionId, cancellationToken).ConfigureAwait(false);
        var loaded = new Entry(session, _entries.ExpiresAfter(_duration));
        var stored = seen is null ? _entries.TryAdd(sessionId, loaded) : _entries.TryUpdate(sessionId, loaded, seen);

        // Lost a race: if the session was ended meanwhile, that answer wins over what was just read.
        return (!stored && _entries.TryGetValue(sessionId, out var current) && current.Session is null ? null : session, true);
    }

    /// <summary>
    /// Puts a newer version of a cached session in place of <paramref name="previous"/>, the version the caller
    /// read. Only one of several callers holding the same previous version succeeds, so concurrent requests agree
    /// on who writes a last-seen time to the store.
    /// </summary>
    /// <returns>
    /// <see langword="false"/> when another caller replaced <paramref name="previous"/> first, or the session ended.
    /// Without a cache entry to compare (caching off, or the cache full) it is <see langword="true"/>.
    /// </returns>
    public bool TryReplace(AuthSessionRecord previous, AuthSessionRecord session)
    {
        if (_entries is null || !_entries.TryGetValue(session.SessionId, out var seen))
        {
            return true;
        }

        return ReferenceEquals(seen.Session, previous)
            && _entries.TryUpdate(session.SessionId, new Entry(session, seen.ExpiresAt), seen);
    }

    /// <summary>
    /// Stops answering from the cache, as when the notices that keep it right can't reach this server: every lookup
    /// goes to the store until <see cref="Resume"/>.
    /// </summary>
    public void Suspend() => _suspended = true;

    /// <summary>Forgets everything cached, since ends may have been missed, and answers from the cache again.</summary>
    public void Resume()
    {
        _entries?.Clear();
        _suspended = false;
    }

    public void Dispose()
    {
        _endsSubscription.Dispose();
        _entries?.Dispose();
    }

    /// <summary>Marks sessions as ended, so this server refuses them without asking the store.</summary>
    private void MarkEnded(IReadOnlyList<string> sessionIds)
    {
        if (_entries is null)
        {
            return;
        }

        // Set even past the size limit: a reader that fetched the session just before it ended must find the mark
        // and not cache its stale answer. Marks are few (one per logout), and kept as long as a live entry would be;
        // after that the store answers "gone" anyway.
        var ended = new Entry(null, _entries.ExpiresAfter(_duration));
        foreach (var sessionId in sessionIds)
        {
            _entries.Set(sessionId, ended);
        }
    }

    /// <summary>One answer of the store: the session, or <see langword="null"/> when it has ended. Compared by reference.</summary>
    private sealed class Entry(AuthSessionRecord? session, long expiresAt) : BoundedCacheEntry(expiresAt, weight: 0)
    {
        public AuthSessionRecord? Session { get; } = session;
    }
}
