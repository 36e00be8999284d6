using System.Collections.Concurrent;
using BlazorCookieAuth.Authentication;
using BlazorCookieAuth.Sessions;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;

namespace BlazorCookieAuth.Tokens;

/// <summary>
/// The tokens this server has validated, by their exact text, so the cookie a browser sends again and again is
/// decrypted once. A hit skips Data Protection and parsing; the session is still checked on every request. Only
/// tokens that passed every check are added, so garbage can't grow it; it holds at most
/// <see cref="BlazorCookieAuthOptions.TokenCacheSize"/> tokens, and at most as many kilobytes by a generous estimate
/// of what each entry holds (<see cref="BytesPerEntryLimit"/>), so large tokens can't grow it past that either. An entry goes when its token expires, when its session
/// ends (on this server or, through a shared store's notices, on another), and when the key ring changes (a key
/// revoked or added), after which nothing is remembered for <see cref="KeyRingSettleTime"/>.
/// </summary>
internal sealed class ValidatedTokenCache : IDisposable
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string[]> _tokensBySession = new(StringComparer.Ordinal);
    private readonly TimeProvider _timeProvider;
    private readonly IKeyManager? _keyManager;
    private readonly int _maxEntries;
    private readonly long _maxBytes;
    private readonly IDisposable _endsSubscription;
    private readonly ITimer? _sweep;
    private CancellationTokenRegistration _keyRingChange;
    private int _count;
    private long _bytes;

    /// <summary>Until when (a <see cref="TimeProvider"/> timestamp) nothing is added, after a key ring change.</summary>
    private long _settlingUntil;

    public ValidatedTokenCache(
        SessionEndNotices endNotices,
        IOptionsMonitor<BlazorCookieAuthOptions> options,
        BlazorCookieAuthScheme scheme,
        TimeProvider timeProvider,
        IServiceProvider services)
    {
        _timeProvider = timeProvider;
        _maxEntries = options.Get(scheme.Name).TokenCacheSize;
        _maxBytes = (long)_maxEntries * BytesPerEntryLimit;
        _keyManager = services.GetService(typeof(IKeyManager)) as IKeyManager;
        _endsSubscription = endNotices.SubscribeAll(ForgetSessions);
        if (_maxEntries > 0)
        {
            // Expired tokens leave on a timer, never on a request.
            _sweep = timeProvider.CreateTimer(static state => ((ValidatedTokenCache)state!).Sweep(), this, SweepInterval, SweepInterval);
            WatchKeyRing();
        }
    }

    /// <summary>The memory a full cache holds, per <see cref="BlazorCookieAuthOptions.TokenCacheSize"/>: 1 KB.</summary>
    public const int BytesPerEntryLimit = 1024;

    /// <summary>How often expired tokens are swept out.</summary>
    public static TimeSpan SweepInterval { get; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long after a key ring change nothing is remembered. Data Protection refreshes its key ring in the
    /// background, so for a moment it may still accept a token of a key just revoked; that answer must not be kept.
    /// </summary>
    public static TimeSpan KeyRingSettleTime { get; } = TimeSpan.FromMinutes(1);

    /// <summary>How many tokens the cache holds.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>A token as it was validated, while it is unexpired; <see langword="null"/> otherwise.</summary>
    public Entry? Find(string token)
    {
        if (_sweep is null || !_entries.TryGetValue(token, out var entry))
        {
            return null;
        }

        return entry.Token.ExpiresAt > _timeProvider.GetUtcNow() ? entry : null;
    }

    /// <summary>Remembers a token that passed every check; beyond the size limits it is simply not remembered.</summary>
    public void Add(string token, AuthToken read, long userCheckedAt)
    {
        if (_sweep is null || Volatile.Read(ref _count) >= _maxEntries || _timeProvider.GetTimestamp() < Volatile.Read(ref _settlingUntil))
        {
            return;
        }

        var entry = new Entry(read, userCheckedAt, EstimateBytes(token, read.User));
        if (Interlocked.Add(ref _bytes, entry.Bytes) > _maxBytes || !_entries.TryAdd(token, entry))
        {
            Interlocked.Add(ref _bytes, -entry.Bytes);
            return;
        }

        Interlocked.Increment(ref _count);
        _tokensBySession.AddOrUpdate(read.SessionId, static (_, added) => [added], static (_, tokens, added) => [.. tokens, added], token);
    }

    /// <summary>Forgets a token, as when its session was found ended.</summary>
    public void Remove(string token)
    {
        if (!_entries.TryRemove(token, out var entry))
        {
            return;
        }

        Forgotten(entry);
        var sessionId = entry.Token.SessionId;
        while (_tokensBySession.TryGetValue(sessionId, out var tokens))
        {
            string[] rest = [.. tokens.Where(t => t != token)];
            if (rest.Length == 0
                ? _tokensBySession.TryRemove(new KeyValuePair<string, string[]>(sessionId, tokens))
                : _tokensBySession.TryUpdate(sessionId, rest, tokens))
            {
                return;
            }
        }
    }

    public void Dispose()
    {
        _endsSubscription.Dispose();
        _keyRingChange.Dispose();
        _sweep?.Dispose();
    }

    private void ForgetSessions(IReadOnlyList<string> sessionIds)
    {
        foreach (var sessionId in sessionIds)
        {
            if (_tokensBySession.TryRemove(sessionId, out var tokens))
            {
                foreach (var token in tokens)
                {
                    if (_entries.TryRemove(token, out var entry))
                    {
                        Forgotten(entry);
                    }
                }
            }
        }
    }

    /// <summary>A key revoked or added changes the key ring: forget everything, so every token is unprotected afresh.</summary>
    private void WatchKeyRing()
    {
        if (_keyManager is null)
        {
            return;
        }

        _keyRingChange = _keyManager.GetCacheExpirationToken().Register(static state =>
        {
            var cache = (ValidatedTokenCache)state!;
            var settleTicks = (long)(KeyRingSettleTime.TotalSeconds * cache._timeProvider.TimestampFrequency);
            Volatile.Write(ref cache._settlingUntil, cache._timeProvider.GetTimestamp() + settleTicks);
            cache.Clear();
            cache.WatchKeyRing();
        }, this);
    }

    private void Forgotten(Entry entry)
    {
        Interlocked.Decrement(ref _count);
        Interlocked.Add(ref _bytes, -entry.Bytes);
    }

    /// <summary>
    /// What an entry holds, estimated on the high side: the token's text, the parsed user with its claims and their
    /// values, the user as checked against its session, and the entry and index around them. Measured, a token with
    /// two short claims (198 characters) holds about 860 bytes, which this puts at about 960.
    /// </summary>
    private static int EstimateBytes(string token, AuthUser user)
    {
        var bytes = 320 + (2 * token.Length);
        foreach (var claim in user.Claims)
        {
            bytes += 120 + (2 * claim.Value.Length);
        }

        return bytes;
    }

    private void Clear()
    {
        foreach (var token in _entries.Keys)
        {
            Remove(token);
        }
    }

    private void Sweep()
    {
        var now = _timeProvider.GetUtcNow();
        foreach (var (token, entry) in _entries)
        {
            if (entry.Token.ExpiresAt <= now)
            {
                Remove(token);
            }
        }
    }

    /// <summary>
    /// A validated token: what it holds (its user and browser secret), and when the app's user loader last found
    /// that user, so the loader runs once per <see cref="BlazorCookieAuthOptions.SessionCacheDuration"/>, not per request.
    /// </summary>
    internal sealed class Entry(AuthToken token, long userCheckedAt, int bytes)
    {
        private long _userCheckedAt = userCheckedAt;

        public AuthToken Token { get; } = token;

        /// <summary>What the entry holds, as <see cref="EstimateBytes"/> puts it.</summary>
        public int Bytes { get; } = bytes;

        public long UserCheckedAt
        {
            get => Volatile.Read(ref _userCheckedAt);
            set => Volatile.Write(ref _userCheckedAt, value);
        }
    }
}
