using BlazorCookieAuth.Sessions;
using BlazorCookieAuth.Tests.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorCookieAuth.Tests.Sessions;

public class LoginLogoutCycleTests
{
    private const int Cycles = 10_000;

    [Fact]
    public async Task Ten_thousand_login_and_logout_cycles_leave_only_the_live_sessions_in_the_store_and_a_bounded_cache()
    {
        var cacheDuration = TimeSpan.FromSeconds(10);
        var step = TimeSpan.FromMilliseconds(100);
        await using var app = await TestApp.StartAsync(o => o.SessionCacheDuration = cacheDuration);
        var store = (MemoryAuthSessionStore)app.Services.GetRequiredService<IAuthSessionStore>();
        var cache = app.Services.GetRequiredService<AuthSessions>().Cache;
        using var browser = app.CreateBrowser();
        var mostCached = 0;

        for (var i = 0; i < Cycles; i++)
        {
            await browser.LoginAsync("42");
            await browser.Client.PostAsync("/test/logout", null);
            mostCached = Math.Max(mostCached, cache.Count);
            app.Time.Advance(step);
        }

        Assert.Null(browser.AuthCookie);
        using var laptop = app.CreateBrowser();
        using var phone = app.CreateBrowser();
        await laptop.LoginAsync("42");
        await phone.LoginAsync("42");
        Assert.Equal("42", await laptop.WhoAmIAsync());
        Assert.Equal("42", await phone.WhoAmIAsync());

        Assert.Equal(2, store.Count);

        // Each cycle leaves one ended mark, dropped by the sweep once older than the cache duration; the sweep runs
        // every CacheSweeper.Interval, as long as the cache duration here, so no mark outlives two cache durations.
        Assert.InRange(mostCached, 1, (int)(2 * cacheDuration / step));
        app.Time.Advance(2 * cacheDuration);
        Assert.Equal(0, cache.Count);
    }
}
