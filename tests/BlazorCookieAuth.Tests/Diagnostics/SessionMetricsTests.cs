using System.Net;
using BlazorCookieAuth.Diagnostics;
using BlazorCookieAuth.Tests.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorCookieAuth.Tests.Diagnostics;

public class SessionMetricsTests
{
    private const string Reason = AuthTelemetry.SessionEndReasonTag;
    private const string Everywhere = AuthTelemetry.LogoutEverywhereTag;

    [Fact]
    public async Task A_logout_counts_one_logout_not_everywhere_and_one_session_ended_by_logout()
    {
        await using var app = await TestApp.StartAsync();
        using var metrics = new KitMetrics(app.Services);
        using var browser = app.CreateBrowser();
        await browser.LoginAsync("42");

        var response = await browser.PostFormAsync("/auth/logout", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal("anonymous", await browser.WhoAmIAsync());
        var logout = Assert.Single(metrics.Measurements(AuthTelemetry.Logouts));
        Assert.Equal(1, logout.Value);
        Assert.Equal(false, logout.Tags[Everywhere]);
        var ended = Assert.Single(metrics.Measurements(AuthTelemetry.EndedSessions));
        Assert.Equal(1, ended.Value);
        Assert.Equal("logout", ended.Tags[Reason]);
    }

    [Fact]
    public async Task Logging_out_everywhere_counts_one_logout_everywhere_and_every_session_it_ended()
    {
        await using var app = await TestApp.StartAsync();
        using var metrics = new KitMetrics(app.Services);
        using var laptop = app.CreateBrowser();
        using var phone = app.CreateBrowser();
        using var tablet = app.CreateBrowser();
        await laptop.LoginAsync("42");
        await phone.LoginAsync("42");
        await tablet.LoginAsync("42");

        await laptop.PostFormAsync("/auth/logout", new Dictionary<string, string> { ["everywhere"] = "true" });

        Assert.Equal("anonymous", await phone.WhoAmIAsync());
        var logout = Assert.Single(metrics.Measurements(AuthTelemetry.Logouts));
        Assert.Equal(true, logout.Tags[Everywhere]);
        Assert.Equal(3, metrics.Sum(AuthTelemetry.EndedSessions, Reason, "logout_everywhere"));
        Assert.Equal(3, metrics.Sum(AuthTelemetry.EndedSessions));
    }

    [Fact]
    public async Task A_logout_posted_by_an_anonymous_browser_counts_nothing()
    {
        await using var app = await TestApp.StartAsync();
        using var metrics = new KitMetrics(app.Services);
        using var browser = app.CreateBrowser();

        var response = await browser.PostFormAsync("/auth/logout", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Empty(metrics.Measurements(AuthTelemetry.Logouts));
        Assert.Empty(metrics.Measurements(AuthTelemetry.EndedSessions));
    }

    [Fact]
    public async Task A_new_login_in_a_signed_in_browser_ends_its_old_session_as_replaced()
    {
        await using var app = await TestApp.StartAsync();
        using var metrics = new KitMetrics(app.Services);
        using var browser = app.CreateBrowser();
        await browser.LoginAsync("42");

        await browser.LoginAsync("43");

        Assert.Equal("43", await browser.WhoAmIAsync());
        var ended = Assert.Single(metrics.Measurements(AuthTelemetry.EndedSessions));
        Assert.Equal(1, ended.Value);
        Assert.Equal("replaced", ended.Tags[Reason]);
        Assert.Equal(2, metrics.Sum(AuthTelemetry.Logins, AuthTelemetry.LoginResultTag, "succeeded"));
    }

    [Fact]
    public async Task Sessions_the_app_ends_through_IAuthSessionManager_count_as_ended_by_app()
    {
        await using var app = await TestApp.StartAsync();
        using var metrics = new KitMetrics(app.Services);
        using var current = app.CreateBrowser();
        using var other = app.CreateBrowser();
        using var another = app.CreateBrowser();
        using var stranger = app.CreateBrowser();
        await current.LoginAsync("42");
        await other.LoginAsync("42");
        await another.LoginAsync("42");
        await stranger.LoginAsync("7");

        // A password change: every other session of the user ends.
        Assert.Equal("2", await (await current.Client.PostAsync("/test/end-other-sessions", null)).Content.ReadAsStringAsync());
        var manager = app.Services.GetRequiredService<IAuthSessionManager>();
        var strangerSession = Assert.Single(await manager.ListSessionsAsync("7"));
        Assert.True(await manager.EndSessionAsync("7", strangerSession.SessionId));
        Assert.False(await manager.EndSessionAsync("7", strangerSession.SessionId));

        Assert.Equal(3, metrics.Sum(AuthTelemetry.EndedSessions, Reason, "ended_by_app"));
        Assert.Equal(3, metrics.Sum(AuthTelemetry.EndedSessions));
        Assert.Empty(metrics.Measurements(AuthTelemetry.Logouts));
    }

    [Fact]
    public async Task A_login_past_the_per_user_limit_ends_the_oldest_session_as_session_limit()
    {
        await using var app = await TestApp.StartAsync(o => o.MaxSessionsPerUser = 2);
        using var metrics = new KitMetrics(app.Services);
        using var first = app.CreateBrowser();
        using var second = app.CreateBrowser();
        using var third = app.CreateBrowser();
        await first.LoginAsync("42");
        await second.LoginAsync("42");

        await third.LoginAsync("42");

        Assert.Equal("anonymous", await first.WhoAmIAsync());
        var ended = Assert.Single(metrics.Measurements(AuthTelemetry.EndedSessions));
        Assert.Equal(1, ended.Value);
        Assert.Equal("session_limit", ended.Tags[Reason]);
    }

    [Fact]
    public async Task Sessions_whose_time_ran_out_count_as_expired_when_the_cleanup_removes_them()
    {
        var cleanupInterval = TimeSpan.FromMinutes(10);
        await using var app = await TestApp.StartAsync(o =>
        {
            o.UnrememberedDuration = TimeSpan.FromMinutes(5);
            o.IdleTimeout = TimeSpan.FromMinutes(3);
            o.SessionCleanupInterval = cleanupInterval;
        });
        using var metrics = new KitMetrics(app.Services);
        using var unremembered = app.CreateBrowser();
        using var remembered = app.CreateBrowser();
        using var idle = app.CreateBrowser();
        await unremembered.LoginAsync("1");
        await idle.LoginAsync("2", remember: true);
        await remembered.LoginAsync("3", remember: true);
        await WaitUntilAsync(() => app.Time.TimersStarted(cleanupInterval) > 0);

        // The remembered one stays active; the idle one times out; the unremembered one reaches its end.
        for (var minute = 0; minute < 10; minute += 2)
        {
            app.Time.Advance(TimeSpan.FromMinutes(2));
            Assert.Equal("3", await remembered.WhoAmIAsync());
        }

        await metrics.WaitForAsync(AuthTelemetry.EndedSessions, 1);
        var ended = Assert.Single(metrics.Measurements(AuthTelemetry.EndedSessions));
        Assert.Equal(2, ended.Value);
        Assert.Equal("expired", ended.Tags[Reason]);
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
