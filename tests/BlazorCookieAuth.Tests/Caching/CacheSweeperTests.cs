using BlazorCookieAuth.Caching;
using BlazorCookieAuth.Sessions;
using BlazorCookieAuth.Tests.TestHost;
using BlazorCookieAuth.Tokens;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorCookieAuth.Tests.Caching;

/// <summary>The app's one sweep, as the session and validated-token caches of a running app see it.</summary>
public class CacheSweeperTests
{
    [Fact]
    public async Task One_sweep_drops_stale_sessions_and_expired_tokens_each_when_their_time_comes()
    {
        await using var app = await TestApp.StartAsync(o => o.UnrememberedDuration = TimeSpan.FromMinutes(30));
        using var browser = app.CreateBrowser();
        await browser.LoginAsync("42");
        Assert.Equal("42", await browser.WhoAmIAsync());
        var sessions = app.Services.GetRequiredService<AuthSessions>().Cache;
        var tokens = app.Services.GetRequiredService<ValidatedTokenCache>();
        Assert.Equal((1, 1), (sessions.Count, tokens.Count));

        // The session's entry is stale after SessionCacheDuration; the token lives on until it expires.
        app.Time.Advance(BlazorCookieAuthDefaults.SessionCacheDuration + CacheSweeper.Interval);
        Assert.Equal((0, 1), (sessions.Count, tokens.Count));

        app.Time.Advance(TimeSpan.FromMinutes(30));
        Assert.Equal((0, 0), (sessions.Count, tokens.Count));
    }
}
