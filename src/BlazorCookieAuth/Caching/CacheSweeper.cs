using System.Collections.Immutable;

namespace BlazorCookieAuth.Caching;

/// <summary>
/// The one timer that drops expired entries from every <see cref="BoundedCache{TKey, TValue}"/> of the app, so no
/// request ever pays for it and each cache needs no timer of its own.
/// </summary>
internal sealed class CacheSweeper : IDisposable
{
    private readonly ITimer _timer;
    private ImmutableArray<Action> _sweeps = [];

    public CacheSweeper(TimeProvider timeProvider)
    {
        TimeProvider = timeProvider;
        _timer = timeProvider.CreateTimer(static state => ((CacheSweeper)state!).Sweep(), this, Interval, Interval);
    }

    /// <summary>
    /// How often expired entries are swept out. An entry outlives its expiry by at most this long; it is never
    /// served past it, as every cache checks expiry on reading.
    /// </summary>
    public static TimeSpan Interval { get; } = TimeSpan.FromSeconds(10);

    /// <summary>The clock of the sweep, and of the caches it sweeps.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>Calls <paramref name="sweep"/> at every sweep, until disposed.</summary>
    public IDisposable Register(Action sweep)
    {
        ImmutableInterlocked.Update(ref _sweeps, static (sweeps, added) => sweeps.Add(added), sweep);
        return new Registration(this, sweep);
    }

    public void Dispose() => _timer.Dispose();

    private void Sweep()
    {
        foreach (var sweep in _sweeps)
        {
            sweep();
        }
    }

    private sealed class Registration(CacheSweeper owner, Action sweep) : IDisposable
    {
        public void Dispose() =>
            ImmutableInterlocked.Update(ref owner._sweeps, static (sweeps, removed) => sweeps.Remove(removed), sweep);
    }
}
