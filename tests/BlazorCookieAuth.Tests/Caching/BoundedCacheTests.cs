using BlazorCookieAuth.Caching;
using BlazorCookieAuth.Tests.TestHost;
using Microsoft.Extensions.Time.Testing;

namespace BlazorCookieAuth.Tests.Caching;

/// <summary>The bounded cache that sessions and validated tokens share: its bounds, expiry, and the one sweep of them all.</summary>
public sealed class BoundedCacheTests : IDisposable
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

    private readonly CountingTimeProvider _time = new(new FakeTimeProvider(TestApp.Start));
    private readonly CacheSweeper _sweeper;

    public BoundedCacheTests() => _sweeper = new CacheSweeper(_time);

    [Fact]
    public void Beyond_its_count_it_takes_no_more_until_an_entry_leaves()
    {
        using var cache = Cache(maxEntries: 2);

        Assert.True(cache.TryAdd("a", Entry(cache)));
        Assert.True(cache.TryAdd("b", Entry(cache)));
        Assert.False(cache.TryAdd("c", Entry(cache)));
        Assert.False(cache.TryGetValue("c", out _));

        Assert.True(cache.TryRemove("a", out _));
        Assert.True(cache.TryAdd("c", Entry(cache)));
        Assert.Equal(2, cache.Count);
    }

    [Fact]
    public void Beyond_its_weight_it_takes_no_more_and_what_leaves_frees_its_weight()
    {
        using var cache = Cache(maxEntries: 10, maxWeight: 100);

        Assert.False(cache.TryAdd("heavy", Entry(cache, weight: 101)));
        Assert.True(cache.TryAdd("a", Entry(cache, weight: 60)));
        Assert.False(cache.TryAdd("b", Entry(cache, weight: 60)));
        Assert.Equal(60, cache.Weight);

        Assert.True(cache.TryRemove("a", out _));
        Assert.Equal(0, cache.Weight);
        Assert.True(cache.TryAdd("b", Entry(cache, weight: 60)));
    }

    [Fact]
    public void A_key_already_held_is_not_added_again_and_costs_nothing()
    {
        using var cache = Cache(maxEntries: 10, maxWeight: 100);
        var first = Entry(cache, weight: 10);

        Assert.True(cache.TryAdd("a", first));
        Assert.False(cache.TryAdd("a", Entry(cache, weight: 10)));

        Assert.True(cache.TryGetValue("a", out var held));
        Assert.Same(first, held);
        Assert.Equal((1, 10L), (cache.Count, cache.Weight));
    }

    [Fact]
    public void Set_puts_an_entry_in_even_past_the_bounds_and_replaces_what_was_there()
    {
        using var cache = Cache(maxEntries: 1);
        Assert.True(cache.TryAdd("a", Entry(cache)));
        var mark = Entry(cache);

        cache.Set("b", mark);
        cache.Set("a", mark);

        Assert.Equal(2, cache.Count);
        Assert.True(cache.TryGetValue("a", out var a));
        Assert.Same(mark, a);
    }

    [Fact]
    public void TryUpdate_replaces_only_the_entry_the_caller_read()
    {
        using var cache = Cache(maxEntries: 10, maxWeight: 100);
        var read = Entry(cache, weight: 10);
        cache.TryAdd("a", read);
        var winner = Entry(cache, weight: 30);

        Assert.True(cache.TryUpdate("a", winner, read));
        Assert.False(cache.TryUpdate("a", Entry(cache, weight: 5), read));

        Assert.True(cache.TryGetValue("a", out var held));
        Assert.Same(winner, held);
        Assert.Equal(30, cache.Weight);
    }

    [Fact]
    public void An_expired_entry_is_never_served_as_unexpired_and_the_sweep_drops_it()
    {
        var dropped = new List<string>();
        using var cache = Cache(maxEntries: 10, dropped: (key, _) => dropped.Add(key));
        cache.TryAdd("short", Entry(cache, TimeSpan.FromSeconds(1)));
        cache.TryAdd("long", Entry(cache, Lifetime));

        _time.Inner.Advance(TimeSpan.FromSeconds(1) - TimeSpan.FromTicks(1));
        Assert.True(cache.TryGetUnexpired("short", out _));

        _time.Inner.Advance(TimeSpan.FromTicks(1));
        Assert.False(cache.TryGetUnexpired("short", out _));
        Assert.True(cache.TryGetValue("short", out var expired));
        Assert.True(cache.IsExpired(expired));

        _time.Inner.Advance(CacheSweeper.Interval);
        Assert.False(cache.TryGetValue("short", out _));
        Assert.True(cache.TryGetUnexpired("long", out _));
        Assert.Equal(["short"], dropped);
        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public void One_sweep_on_one_timer_serves_every_cache()
    {
        using var sessions = Cache(maxEntries: 10);
        using var tokens = new BoundedCache<int, OtherEntry>(10, long.MaxValue, EqualityComparer<int>.Default, _sweeper);
        sessions.TryAdd("session", Entry(sessions, TimeSpan.FromSeconds(5)));
        tokens.TryAdd(1, new OtherEntry(tokens.ExpiresAfter(TimeSpan.FromSeconds(5))));
        tokens.TryAdd(2, new OtherEntry(tokens.ExpiresAfter(TimeSpan.FromMinutes(5))));

        _time.Inner.Advance(CacheSweeper.Interval);

        Assert.Equal(0, sessions.Count);
        Assert.Equal(1, tokens.Count);
        Assert.Equal(1, _time.Timers);
    }

    [Fact]
    public void A_disposed_cache_is_swept_no_more()
    {
        var cache = Cache(maxEntries: 10);
        cache.TryAdd("a", Entry(cache, TimeSpan.FromSeconds(1)));

        cache.Dispose();
        _time.Inner.Advance(CacheSweeper.Interval);

        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public void Clear_drops_every_entry_and_tells_of_each()
    {
        var dropped = new List<string>();
        using var cache = Cache(maxEntries: 10, maxWeight: 100, dropped: (key, _) => dropped.Add(key));
        cache.TryAdd("a", Entry(cache, weight: 10));
        cache.TryAdd("b", Entry(cache, weight: 20));

        cache.Clear();

        Assert.Equal((0, 0L), (cache.Count, cache.Weight));
        Assert.Equal(["a", "b"], dropped.Order());
    }

    [Fact]
    public void A_lifetime_of_centuries_does_not_overflow_into_the_past()
    {
        using var cache = Cache(maxEntries: 10);

        cache.TryAdd("a", Entry(cache, TimeSpan.MaxValue));

        Assert.True(cache.TryGetUnexpired("a", out _));
    }

    public void Dispose() => _sweeper.Dispose();

    private BoundedCache<string, TestEntry> Cache(int maxEntries, long maxWeight = long.MaxValue, Action<string, TestEntry>? dropped = null) =>
        new BoundedCache<string, TestEntry>(maxEntries, maxWeight, StringComparer.Ordinal, _sweeper, dropped);

    private static TestEntry Entry(BoundedCache<string, TestEntry> cache, TimeSpan? lifetime = null, int weight = 0) =>
        new(cache.ExpiresAfter(lifetime ?? Lifetime), weight);

    private sealed class TestEntry(long expiresAt, int weight) : BoundedCacheEntry(expiresAt, weight);

    private sealed class OtherEntry(long expiresAt) : BoundedCacheEntry(expiresAt, weight: 0);

    /// <summary>A fake clock that counts the timers made from it.</summary>
    private sealed class CountingTimeProvider(FakeTimeProvider inner) : TimeProvider
    {
        public FakeTimeProvider Inner { get; } = inner;

        public int Timers { get; private set; }

        public override long TimestampFrequency => Inner.TimestampFrequency;

        public override DateTimeOffset GetUtcNow() => Inner.GetUtcNow();

        public override long GetTimestamp() => Inner.GetTimestamp();

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            Timers++;
            return Inner.CreateTimer(callback, state, dueTime, period);
        }
    }
}
