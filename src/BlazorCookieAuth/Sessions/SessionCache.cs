using System.Collections.Concurrent;

namespace BlazorCookieAuth.Sessions;

/// <summary>
/// What this server last read from the session store, kept for <see cref="BlazorCookieAuthOptions.SessionCacheDuration"/>
/// so an authenticated request does not reach the store every time. Sessions ended here, or by another server whose
/// notice reaches this one, are marked ended at once: the cache hears every end through <see cref="SessionEndNotices"/>,
/// as the <see cref="Tokens.ValidatedTokenCache"/> does. A session never comes back once gone (ids are never reused,
/// and updates never re-create), so "ended" is always safe to keep; the only staleness is a session ended by another
/// server whose notice doesn't reach this one, accepted here until its entry is re-read.
/// </summary>
/// <remarks>
/// It is kept apart from the validated-token cache because the two remember different things: this one the store's
/// answer per session id, stale after a fixed duration and marked ended without a lookup; that one a decrypted token per
/// token text (several per session), kept until the token expires and dropped when the key ring changes.
/// </remarks>
internal sealed class SessionCache : IDisposable
{
    /// <summary>The most entries kept, about 40 MB with the sessions they hold; beyond it, lookups go to the store until the sweep frees room.</summary>
    public const int MaxEntries = 100_000;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly IAuthSessionStore _store;
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _duration;
    private readonly ITimer? _sweep;
    private readonly IDisposable _endsSubscription;
    private int _count;
    private volatile bool _suspended;

    public SessionCache(IAuthSessionStore store, SessionEndNotices endNotices, TimeProvider timeProvider, TimeSpan duration)
    {
        _store = store;
        _timeProvider = timeProvider;
        _duration = duration;
        // Listeners to every end hear it before the circuits of the ended sessions, so a circuit's recheck finds the mark.
        _endsSubscription = endNotices.SubscribeAll(MarkEnded);
        if (duration > TimeSpan.Zero)
        {
            // Stale entries are dropped by a timer, never by a request.
            var period = TimeSpan.FromTicks(Math.Max(duration.Ticks, TimeSpan.FromSeconds(10).Ticks));
            _sweep = timeProvider.CreateTimer(static state => ((SessionCache)state!).Sweep(), this, period, period);
        }
    }

    /// <summary>How many entries the cache holds.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>The session as the store last said, read again once the cached answer is older than the cache duration.</summary>
    /// <returns>
    /// The session, or <see langword="null"/> when it has ended or never existed; and whether the store was asked
    /// this time, rather than the cache answering.
    /// </returns>
    public async ValueTask<(AuthSessionRecord? Session, bool FromStore)> GetAsync(string sessionId, CancellationToken cancellationToken)
    {
        if (_sweep is null || _suspended)
        {
            return (await _store.FindAsync(sessionId, cancellationToken).ConfigureAwait(false), true);
        }

        var now = _timeProvider.GetTimestamp();
        _entries.TryGetValue(sessionId, out var seen);
        if (seen is not null && (seen.Session is null || !IsStale(seen, now)))
        {
            return (seen.Session, false);
        }

        var session = await _store.FindAsync(sessionId, cancellationToken).ConfigureAwait(false);
        var loaded = new Entry(session, _timeProvider.GetTimestamp());
        var stored = seen is null ? TryAdd(sessionId, loaded) : _entries.TryUpdate(sessionId, loaded, seen);

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
        if (_sweep is null || !_entries.TryGetValue(session.SessionId, out var seen))
        {
            return true;
        }

        return ReferenceEquals(seen.Session, previous)
            && _entries.TryUpdate(session.SessionId, new Entry(session, seen.LoadedAt), seen);
    }

    /// <summary>Marks sessions as ended, so this server refuses them without asking the store.</summary>
    private void MarkEnded(IReadOnlyList<string> sessionIds)
    {
        if (_sweep is null)
        {
            return;
        }

        // Added even past the size limit: a reader that fetched the session just before it ended must find the mark
        // and not cache its stale answer. Marks are few (one per logout) and swept like any entry.
        var ended = new Entry(null, _timeProvider.GetTimestamp());
        foreach (var sessionId in sessionIds)
        {
            while (true)
            {
                if (_entries.TryGetValue(sessionId, out var current))
                {
                    if (_entries.TryUpdate(sessionId, ended, current))
                    {
                        break;
                    }
                }
                else if (_entries.TryAdd(sessionId, ended))
                {
                    Interlocked.Increment(ref _count);
                    break;
                }
            }
        }
    }

    /// <summary>
    /// Stops answering from the cache, as when the notices that keep it right can't reach this server: every lookup
    /// goes to the store until <see cref="Resume"/>.
    /// </summary>
    public void Suspend() => _suspended = true;

    /// <summary>Forgets everything cached, since ends may have been missed, and answers from the cache again.</summary>
    public void Resume()
    {
        foreach (var sessionId in _entries.Keys)
        {
            if (_entries.TryRemove(sessionId, out _))
            {
                Interlocked.Decrement(ref _count);
            }
        }

        _suspended = false;
    }

    public void Dispose()
    {
        _endsSubscription.Dispose();
        _sweep?.Dispose();
    }

    private bool TryAdd(string sessionId, Entry entry)
    {
        if (Volatile.Read(ref _count) >= MaxEntries || !_entries.TryAdd(sessionId, entry))
        {
            return false;
        }

        Interlocked.Increment(ref _count);
        return true;
    }

    private bool IsStale(Entry entry, long now) => _timeProvider.GetElapsedTime(entry.LoadedAt, now) >= _duration;

    private void Sweep()
    {
        var now = _timeProvider.GetTimestamp();
        foreach (var (sessionId, entry) in _entries)
        {
            // An ended mark is kept as long as a live entry would be; after that the store answers "gone" anyway.
            if (IsStale(entry, now) && _entries.TryRemove(new KeyValuePair<string, Entry>(sessionId, entry)))
            {
                Interlocked.Decrement(ref _count);
            }
        }
    }

    /// <summary>One answer of the store: the session, or <see langword="null"/> when it has ended. Compared by reference.</summary>
    private sealed class Entry(AuthSessionRecord? session, long loadedAt)
    {
        public AuthSessionRecord? Session { get; } = session;

        public long LoadedAt { get; } = loadedAt;
    }
}
