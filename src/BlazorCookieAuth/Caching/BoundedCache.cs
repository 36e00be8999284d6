using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace BlazorCookieAuth.Caching;

/// <summary>
/// A concurrent cache of at most a number of entries and a total weight, whose expired entries the app's one
/// <see cref="CacheSweeper"/> drops. Beyond its bounds it takes no more until entries leave: nothing is evicted to make
/// room, so a flood of new keys can't push out the entries in use. Reading takes no lock and allocates nothing.
/// </summary>
/// <typeparam name="TKey">The key, compared by the comparer given.</typeparam>
/// <typeparam name="TValue">The entry, which says when it expires and what it weighs; compared by reference.</typeparam>
internal sealed class BoundedCache<TKey, TValue> : IDisposable
    where TKey : notnull
    where TValue : BoundedCacheEntry
{
    private readonly ConcurrentDictionary<TKey, TValue> _entries;
    private readonly TimeProvider _timeProvider;
    private readonly int _maxEntries;
    private readonly long _maxWeight;
    private readonly Action<TKey, TValue>? _dropped;
    private readonly IDisposable _sweep;
    private int _count;
    private long _weight;

    /// <param name="maxEntries">The most entries <see cref="TryAdd"/> lets in.</param>
    /// <param name="maxWeight">The most total weight <see cref="TryAdd"/> lets in.</param>
    /// <param name="comparer">Compares keys.</param>
    /// <param name="sweeper">The sweep that drops expired entries, and the clock of their expiry.</param>
    /// <param name="dropped">Told of each entry the cache drops itself (expired, or cleared), so an index kept beside it can follow.</param>
    public BoundedCache(int maxEntries, long maxWeight, IEqualityComparer<TKey> comparer, CacheSweeper sweeper, Action<TKey, TValue>? dropped = null)
    {
        _entries = new ConcurrentDictionary<TKey, TValue>(comparer);
        _timeProvider = sweeper.TimeProvider;
        _maxEntries = maxEntries;
        _maxWeight = maxWeight;
        _dropped = dropped;
        _sweep = sweeper.Register(Sweep);
    }

    /// <summary>How many entries the cache holds, expired ones not yet swept included.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>The total weight of the entries held.</summary>
    public long Weight => Interlocked.Read(ref _weight);

    /// <summary>The timestamp at which an entry that is to last <paramref name="lifetime"/> from now expires.</summary>
    public long ExpiresAfter(TimeSpan lifetime)
    {
        // Exact in whole timestamp ticks, and clamped so a lifetime of centuries can't overflow.
        var ticks = (Int128)lifetime.Ticks * _timeProvider.TimestampFrequency / TimeSpan.TicksPerSecond;
        return _timeProvider.GetTimestamp() + (long)Int128.Clamp(ticks, long.MinValue / 2, long.MaxValue / 2);
    }

    /// <summary>Whether <paramref name="entry"/> has expired; until swept, an expired entry is still found by <see cref="TryGetValue"/>.</summary>
    public bool IsExpired(TValue entry) => _timeProvider.GetTimestamp() >= entry.ExpiresAt;

    /// <summary>The entry of <paramref name="key"/>, expired or not.</summary>
    public bool TryGetValue(TKey key, [MaybeNullWhen(false)] out TValue entry) => _entries.TryGetValue(key, out entry);

    /// <summary>The entry of <paramref name="key"/> while it has not expired.</summary>
    /// <remarks>Inlined into its callers: it is the hit path of every request with a validated token.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryGetUnexpired(TKey key, [MaybeNullWhen(false)] out TValue entry) =>
        _entries.TryGetValue(key, out entry) && !IsExpired(entry);

    /// <summary>Adds an entry for a key that has none, within the bounds.</summary>
    /// <returns><see langword="false"/> when the key has an entry already, or the entry doesn't fit.</returns>
    public bool TryAdd(TKey key, TValue entry)
    {
        if (Volatile.Read(ref _count) >= _maxEntries)
        {
            return false;
        }

        if (Interlocked.Add(ref _weight, entry.Weight) > _maxWeight || !_entries.TryAdd(key, entry))
        {
            Interlocked.Add(ref _weight, -entry.Weight);
            return false;
        }

        Interlocked.Increment(ref _count);
        return true;
    }

    /// <summary>
    /// Puts <paramref name="entry"/> in place of whatever <paramref name="key"/> holds, even past the bounds: for the
    /// few entries that must be found whatever the load, such as the mark of an ended session.
    /// </summary>
    public void Set(TKey key, TValue entry)
    {
        while (true)
        {
            if (_entries.TryGetValue(key, out var current))
            {
                if (TryUpdate(key, entry, current))
                {
                    return;
                }
            }
            else if (_entries.TryAdd(key, entry))
            {
                Interlocked.Increment(ref _count);
                Interlocked.Add(ref _weight, entry.Weight);
                return;
            }
        }
    }

    /// <summary>Puts <paramref name="entry"/> in place of <paramref name="previous"/>, if that is still the entry of <paramref name="key"/>.</summary>
    public bool TryUpdate(TKey key, TValue entry, TValue previous)
    {
        if (!_entries.TryUpdate(key, entry, previous))
        {
            return false;
        }

        Interlocked.Add(ref _weight, entry.Weight - previous.Weight);
        return true;
    }

    /// <summary>Removes the entry of <paramref name="key"/>.</summary>
    public bool TryRemove(TKey key, [MaybeNullWhen(false)] out TValue entry)
    {
        if (!_entries.TryRemove(key, out entry))
        {
            return false;
        }

        Removed(entry);
        return true;
    }

    /// <summary>Removes every entry.</summary>
    public void Clear()
    {
        foreach (var (key, entry) in _entries)
        {
            Drop(key, entry);
        }
    }

    public void Dispose() => _sweep.Dispose();

    private void Sweep()
    {
        var now = _timeProvider.GetTimestamp();
        foreach (var (key, entry) in _entries)
        {
            if (now >= entry.ExpiresAt)
            {
                Drop(key, entry);
            }
        }
    }

    /// <summary>Removes an entry unless it was replaced meanwhile, and tells whoever keeps an index beside the cache.</summary>
    private void Drop(TKey key, TValue entry)
    {
        if (_entries.TryRemove(new KeyValuePair<TKey, TValue>(key, entry)))
        {
            Removed(entry);
            _dropped?.Invoke(key, entry);
        }
    }

    private void Removed(TValue entry)
    {
        Interlocked.Decrement(ref _count);
        Interlocked.Add(ref _weight, -entry.Weight);
    }
}
