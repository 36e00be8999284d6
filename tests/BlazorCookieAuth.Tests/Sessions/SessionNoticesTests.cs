using BlazorCookieAuth.Tests.TestHost;
using BlazorCookieAuth.Tests.Tokens;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorCookieAuth.Tests.Sessions;

/// <summary>What a store shared by several servers tells this one through <see cref="IAuthSessionNotices"/>.</summary>
public class SessionNoticesTests
{
    [Fact]
    public async Task A_session_that_ended_on_another_server_is_refused_here_at_once_though_it_was_cached()
    {
        await using var app = await StartAsync();
        using var browser = app.CreateBrowser();
        await browser.LoginAsync("42");
        var sessionId = await browser.Client.GetStringAsync("/test/session");

        // Another server ended it in the shared store, and its notice arrives here.
        await Store(app).Sessions.RemoveAsync(sessionId);
        app.Services.GetRequiredService<IAuthSessionNotices>().SessionsEnded([sessionId]);

        Assert.Equal("anonymous", await TamperedTokenTests.SendWithCookieAsync(app, browser.AuthCookie!, expectDeletion: true));
    }

    [Fact]
    public async Task While_notices_are_lost_every_request_asks_the_store_and_once_they_are_back_the_cache_serves_again()
    {
        await using var app = await StartAsync();
        var notices = app.Services.GetRequiredService<IAuthSessionNotices>();
        using var first = app.CreateBrowser();
        using var second = app.CreateBrowser();
        await first.LoginAsync("42");
        await second.LoginAsync("43");
        var firstSession = await first.Client.GetStringAsync("/test/session");
        var secondSession = await second.Client.GetStringAsync("/test/session");

        // Ends elsewhere can't be heard now: an end behind this server's back shows at once, without the cache's delay.
        notices.NoticesLost();
        await Store(app).Sessions.RemoveAsync(firstSession);
        Assert.Equal("anonymous", await TamperedTokenTests.SendWithCookieAsync(app, first.AuthCookie!, expectDeletion: true));

        // Back: the cache is trusted again, so an unannounced end shows only once the cached answer is stale.
        notices.NoticesRestored();
        Assert.Equal("43", await second.WhoAmIAsync());
        await Store(app).Sessions.RemoveAsync(secondSession);
        Assert.Equal("43", await TamperedTokenTests.SendWithCookieAsync(app, second.AuthCookie!, expectDeletion: false));
        app.Time.Advance(BlazorCookieAuthDefaults.SessionCacheDuration);
        Assert.Equal("anonymous", await TamperedTokenTests.SendWithCookieAsync(app, second.AuthCookie!, expectDeletion: true));
    }

    private static Task<TestApp> StartAsync() =>
        TestApp.StartAsync(configureKit: kit => kit.AddSessionStore<TestSessionStore>());

    private static TestSessionStore Store(TestApp app) => (TestSessionStore)app.Services.GetRequiredService<IAuthSessionStore>();
}
