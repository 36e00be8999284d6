using BlazorCookieAuth.Sessions;
using BlazorCookieAuth.Tests.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorCookieAuth.Tests.Sessions;

public class SessionCleanupTests
{
    private static readonly TimeSpan CleanupInterval = TimeSpan.FromMinutes(10);

    [Fact]
    public async Task Ended_sessions_stay_in_the_store_until_the_background_cleanup_removes_them_with_no_request_involved()
    {
        await using var app = await TestApp.StartAsync(o =>
        {
            o.UnrememberedDuration = TimeSpan.FromMinutes(5);
            o.SessionCleanupInterval = CleanupInterval;
        });
        var store = (MemoryAuthSessionStore)app.Services.GetRequiredService<IAuthSessionStore>();
        using var remembered = app.CreateBrowser();
        await remembered.LoginAsync("42", remember: true);
        foreach (var authId in new[] { "1", "2", "3" })
        {
            using var browser = app.CreateBrowser();
            await browser.LoginAsync(authId);
        }

        await WaitUntilAsync(() => app.Time.TimersStarted(CleanupInterval) > 0);

        // Ended at 5 minutes, yet kept: nothing but the cleanup removes them.
        app.Time.Advance(CleanupInterval - TimeSpan.FromMilliseconds(1));
        Assert.Equal(4, store.Count);

        app.Time.Advance(TimeSpan.FromMilliseconds(1));
        await WaitUntilAsync(() => store.Count == 1);

        Assert.Equal("42", await remembered.WhoAmIAsync());
    }

    [Fact]
    public async Task A_failing_cleanup_round_is_logged_and_the_next_round_runs()
    {
        await using var app = await TestApp.StartAsync(
            o => o.SessionCleanupInterval = CleanupInterval,
            configureKit: kit => kit.AddSessionStore<TestSessionStore>());
        var store = (TestSessionStore)app.Services.GetRequiredService<IAuthSessionStore>();
        store.IsDown = true;
        await WaitUntilAsync(() => app.Time.TimersStarted(CleanupInterval) > 0);

        app.Time.Advance(CleanupInterval);
        await WaitUntilAsync(() => app.Logs.Entries.Any(e => e.EventId.Name == "SessionCleanupFailed"));
        store.IsDown = false;
        app.Time.Advance(CleanupInterval);

        await WaitUntilAsync(() => app.Logs.Entries.Any(e => e.EventId.Name == "EndedSessionsRemoved"));
    }

    /// <summary>Waits for work that a fake-clock tick started on the thread pool; bounded so a bug fails instead of hanging.</summary>
    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition did not become true.");
            await Task.Delay(10);
        }
    }
}
