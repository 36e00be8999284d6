using System.Diagnostics;

namespace BlazorCookieAuth.Redis.Tests.TestHost;

/// <summary>Waits for what a test expects to happen by itself, up to a deadline, instead of sleeping for a fixed time.</summary>
internal static class Poll
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(20);

    /// <summary>
    /// Checks <paramref name="condition"/> until it holds, and fails the test unless it held within
    /// <paramref name="within"/>, counted from the call.
    /// </summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan within, string what)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var held = await condition();
            if (clock.Elapsed > within)
            {
                Assert.Fail(held ? $"{what} took {clock.Elapsed}, more than {within}." : $"{what} did not happen within {within}.");
            }

            if (held)
            {
                return;
            }

            await Task.Delay(Interval);
        }
    }

    /// <inheritdoc cref="UntilAsync(Func{Task{bool}}, TimeSpan, string)"/>
    public static Task UntilAsync(Func<bool> condition, TimeSpan within, string what) =>
        UntilAsync(() => Task.FromResult(condition()), within, what);
}
