using BlazorCookieAuth.Tests.TestHost;
using BlazorCookieAuth.Tests.Tokens;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorCookieAuth.Tests.Sessions;

public class IdleTimeoutTests
{
    private static readonly TimeSpan IdleTimeout = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan Moment = TimeSpan.FromMilliseconds(1);

    [Fact]
    public async Task A_session_seen_every_few_minutes_outlives_the_idle_timeout_then_ends_once_left_alone_for_it()
    {
        await using var app = await TestApp.StartAsync(o => o.IdleTimeout = IdleTimeout);
        using var browser = app.CreateBrowser();
        await browser.LoginAsync("42");

        for (var i = 0; i < 5; i++)
        {
            app.Time.Advance(TimeSpan.FromMinutes(3));
            Assert.Equal("42", await browser.WhoAmIAsync());
        }

        var token = browser.AuthCookie!;
        app.Time.Advance(IdleTimeout);
        Assert.Equal("anonymous", await TamperedTokenTests.SendWithCookieAsync(app, token, expectDeletion: true));
    }

    [Fact]
    public async Task A_session_not_seen_for_the_idle_timeout_is_refused_and_not_a_moment_before()
    {
        await using var app = await TestApp.StartAsync(o => o.IdleTimeout = IdleTimeout);
        using var browser = app.CreateBrowser();
        await browser.LoginAsync("42");
        var token = browser.AuthCookie!;

        app.Time.Advance(IdleTimeout - Moment);
        Assert.Equal("42", await TamperedTokenTests.SendWithCookieAsync(app, token, expectDeletion: false));

        app.Time.Advance(IdleTimeout - Moment);
        Assert.Equal("42", await TamperedTokenTests.SendWithCookieAsync(app, token, expectDeletion: false));

        app.Time.Advance(IdleTimeout);
        Assert.Equal("anonymous", await TamperedTokenTests.SendWithCookieAsync(app, token, expectDeletion: true));
    }

    [Fact]
    public async Task Another_sessions_activity_does_not_keep_an_idle_one_alive()
    {
        await using var app = await TestApp.StartAsync(o => o.IdleTimeout = IdleTimeout);
        using var active = app.CreateBrowser();
        using var idle = app.CreateBrowser();
        await active.LoginAsync("42");
        await idle.LoginAsync("42");

        for (var i = 0; i < 5; i++)
        {
            app.Time.Advance(TimeSpan.FromMinutes(2));
            Assert.Equal("42", await active.WhoAmIAsync());
        }

        Assert.Equal("anonymous", await TamperedTokenTests.SendWithCookieAsync(app, idle.AuthCookie!, expectDeletion: true));
    }

    [Fact]
    public async Task The_last_seen_time_is_written_at_most_once_a_minute_however_many_requests_come()
    {
        await using var app = await TestApp.StartAsync(
            o => o.IdleTimeout = IdleTimeout,
            configureKit: kit => kit.AddSessionStore<TestSessionStore>());
        var store = (TestSessionStore)app.Services.GetRequiredService<IAuthSessionStore>();
        using var browser = app.CreateBrowser();
        await browser.LoginAsync("42");

        // A request every second for the first minute after login: the login itself set the time.
        for (var second = 0; second < 60; second++)
        {
            Assert.Equal("42", await browser.WhoAmIAsync());
            app.Time.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Equal(0, store.Updates);

        // A minute on, a burst of requests at once writes the time once; so does every request of the next minute.
        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => browser.WhoAmIAsync()));
        Assert.Equal(1, store.Updates);
        for (var second = 0; second < 59; second++)
        {
            app.Time.Advance(TimeSpan.FromSeconds(1));
            Assert.Equal("42", await browser.WhoAmIAsync());
        }

        Assert.Equal(1, store.Updates);

        app.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal("42", await browser.WhoAmIAsync());
        Assert.Equal(2, store.Updates);
    }

    [Fact]
    public async Task Without_an_idle_timeout_a_session_left_alone_lasts_its_full_lifetime()
    {
        await using var app = await TestApp.StartAsync();
        using var browser = app.CreateBrowser();
        await browser.LoginAsync("42", remember: true);

        app.Time.Advance(TimeSpan.FromDays(300));

        Assert.Equal("42", await TamperedTokenTests.SendWithCookieAsync(app, browser.AuthCookie!, expectDeletion: false));
    }
}
