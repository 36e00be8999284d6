using System.Collections.Concurrent;
using BlazorCookieAuth.Authentication;
using BlazorCookieAuth.Caching;
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
/// <remarks>
/// Bound, expiry and sweep are the shared <see cref="BoundedCache{TKey, TValue}"/>'s; what is particular to tokens is
/// here: the size estimate, the index of tokens by session that lets an end forget them, and the key ring's watch.
/// </remarks>
internal sealed class ValidatedTokenCache : IDisposable
{
    private readonly BoundedCache<string, Entry>? _entries;
    private readonly ConcurrentDictionary<string, string[]> _tokensBySession = new(StringComparer.Ordinal);
    private readonly TimeProvider _timeProvider;
    private readonly IKeyManager? _keyManager;
    private readonly IDisposable _endsSubscription;
    private CancellationTokenRegistration _keyRingChange;

    /// <summary>Until when (a <see cref="TimeProvider"/> timestamp) nothing is added, after a key ring change.</summary>
    private long _settlingUntil;

    public ValidatedTokenCache(
        SessionEndNotices endNotices,
        IOptionsMonitor<BlazorCookieAuthOptions> options,
        BlazorCookieAuthScheme scheme,
        CacheSweeper sweeper,
        IServiceProvider services)
    {
        _timeProvider = sweeper.TimeProvider;
        var maxEntries = options.Get(scheme.Name).TokenCacheSize;
        _keyManager = services.GetService(typeof(IKeyManager)) as IKeyManager;
        _endsSubscription = endNotices.SubscribeAll(ForgetSessions);
        if (maxEntries > 0)
        {
            _entries = new BoundedCache<string, Entry>(
                maxEntries, (long)maxEntries * BytesPerEntryLimit, StringComparer.Ordinal, sweeper, Unindex);
            WatchKeyRing();
        }
    }

    /// <summary>The memory a full cache holds, per <see cref="BlazorCookieAuthOptions.TokenCacheSize"/>: 1 KB.</summary>
    public const int BytesPerEntryLimit = 1024;

    /// <summary>
    /// How long after a key ring change nothing is remembered. Data Protection refreshes its key ring in the
    /// background, so for a moment it may still accept a token of a key just revoked; that answer must not be kept.
    /// </summary>
    public static TimeSpan KeyRingSettleTime { get; } = TimeSpan.FromMinutes(1);

    /// <summary>How many tokens the cache holds.</summary>
    public int Count => _entries?.Count ?? 0;

    /// <summary>A token as it was validated, while it is unexpired; <see langword="null"/> otherwise.</summary>
    public Entry? Find(string token) =>
        _entries is not null && _entries.TryGetUnexpired(token, out var entry) ? entry : null;

    /// <summary>Remembers a token that passed every check; beyond the size limits it is simply not remembered.</summary>
    public void Add(string token, AuthToken read, long userCheckedAt)
    {
        if (_entries is null || _timeProvider.GetTimestamp() < Volatile.Read(ref _settlingUntil))
        {
            return;
        }

        var expiresAt = _entries.ExpiresAfter(read.ExpiresAt - _timeProvider.GetUtcNow());
        if (_entries.TryAdd(token, new Entry(read, userCheckedAt, expiresAt, EstimateBytes(token, read.User))))
        {
            _tokensBySession.AddOrUpdate(read.SessionId, static (_, added) => [added], static (_, tokens, added) => [.. tokens, added], token);
        }
    }

    /// <summary>Forgets a token, as when its session was found ended.</summary>
    public void Remove(string token)
    {
        if (_entries is not null && _entries.TryRemove(token, out var entry))
        {
            Unindex(token, entry);
        }
    }

    public void Dispose()
    {
        _endsSubscription.Dispose();
        _keyRingChange.Dispose();
        _entries?.Dispose();
    }

    private void ForgetSessions(IReadOnlyList<string> sessionIds)
    {
        if (_entries is null)
        {
            return;
        }

        foreach (var sessionId in sessionIds)
        {
            if (_tokensBySession.TryRemove(sessionId, out var tokens))
            {
                foreach (var token in tokens)
                {
                    _entries.TryRemove(token, out _);
                }
            }
        }
    }

    /// <summary>Takes a token that left the cache out of its session's list.</summary>
    private void Unindex(string token, Entry entry)
    {
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
            Volatile.Write(ref cache._settlingUntil, cache._entries!.ExpiresAfter(KeyRingSettleTime));
            cache._entries.Clear();
            cache.WatchKeyRing();
        }, this);
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

    /// <summary>
    /// A validated token: what it holds (its user and browser secret), and when the app's user loader last found
    /// that user, so the loader runs once per <see cref="BlazorCookieAuthOptions.SessionCacheDuration"/>, not per request.
    /// </summary>
    internal sealed class Entry(AuthToken token, long userCheckedAt, long expiresAt, int bytes) : BoundedCacheEntry(expiresAt, bytes)
    {
        private long _userCheckedAt = userCheckedAt;

        public AuthToken Token { get; } = token;

        public long UserCheckedAt
        {
            get => Volatile.Read(ref _userCheckedAt);
            set => Volatile.Write(ref _userCheckedAt, value);
        }
    }
}
