using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;

namespace BlazorCookieAuth.Tests.Shared;

/// <summary>
/// A fake clock that also counts the timers started. Background services start their timers on the thread pool after
/// the app starts, and work woken by the clock goes on there too, so a test moves time past a timer only once that
/// timer has started. Linked into each project that moves time.
/// </summary>
internal sealed class TestClock(DateTimeOffset start) : FakeTimeProvider(start)
{
    private readonly ConcurrentDictionary<TimeSpan, int> _started = new();

    /// <summary>How many timers have started that first fire <paramref name="dueTime"/> after they start.</summary>
    public int TimersStarted(TimeSpan dueTime) => _started.GetValueOrDefault(dueTime);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        _started.AddOrUpdate(dueTime, 1, static (_, count) => count + 1);
        return timer;
    }
}
