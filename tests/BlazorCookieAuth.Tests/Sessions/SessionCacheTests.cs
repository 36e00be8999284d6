using BlazorCookieAuth.Sessions;
using BlazorCookieAuth.Tests.TestHost;
using BlazorCookieAuth.Tests.Tokens;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorCookieAuth.Tests.Sessions;

public class SessionCacheTests
{
    private static readonly TimeSpan Moment = TimeSpan.FromMilliseconds(1);

    [Fact]
    public async Task A_session_removed_from_the_store_by_another_server_is_accepted_until_SessionCacheDuration_passes()
    {
        await using var app = await TestApp.StartAsync();
        var (token, sessionId) = await LogInAndUseAsync(app);

        // Another server sharing the store ended it: this one hears no notice.
        Assert.True(await app.Services.GetRequiredService<IAuthSessionStore>().RemoveAsync(sessionId));

        app.Time.Advance(BlazorCookieAuthDefaults.SessionCacheDuration - Moment);
        Assert.Equal("42", await TamperedTokenTests.SendWithCookieAsync(app, token, expectDeletion: false));

        app.Time.Advance(Moment);
        Assert.Equal("anonymous", await TamperedTokenTests.SendWithCookieAsync(app, token, expectDeletion: true));
    }

    [Fact]
    public async Task A_session_ended_through_the_kit_on_this_server_is_refused_at_once()
    {
        await using var app = await TestApp.StartAsync();
        var (token, sessionId) = await LogInAndUseAsync(app);

        Assert.True(await app.Services.GetRequiredService<IAuthSessionManager>().EndSessionAsync("42", sessionId));

        Assert.Equal("anonymous", await TamperedTokenTests.SendWithCookieAsync(app, token, expectDeletion: true));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Without_a_cache_an_ended_session_is_refused_at_once_however_it_ended(bool inTheStore)
    {
        await using var app = await TestApp.StartAsync(o => o.SessionCacheDuration = TimeSpan.Zero);
        var (token, sessionId) = await LogInAndUseAsync(app);

        var ended = inTheStore
            ? await app.Services.GetRequiredService<IAuthSessionStore>().RemoveAsync(sessionId)
            : await app.Services.GetRequiredService<IAuthSessionManager>().EndSessionAsync("42", sessionId);

        Assert.True(ended);
        Assert.Equal("anonymous", await TamperedTokenTests.SendWithCookieAsync(app, token, expectDeletion: true));
    }

    [Fact]
    public async Task A_longer_cache_keeps_a_session_ended_elsewhere_for_as_long()
    {
        await using var app = await TestApp.StartAsync(o => o.SessionCacheDuration = TimeSpan.FromSeconds(30));
        var (token, sessionId) = await LogInAndUseAsync(app);
        await app.Services.GetRequiredService<IAuthSessionStore>().RemoveAsync(sessionId);

        app.Time.Advance(TimeSpan.FromSeconds(30) - Moment);
        Assert.Equal("42", await TamperedTokenTests.SendWithCookieAsync(app, token, expectDeletion: false));

        app.Time.Advance(Moment);
        Assert.Equal("anonymous", await TamperedTokenTests.SendWithCookieAsync(app, token, expectDeletion: true));
    }

    [Fact]
    public async Task Beyond_SessionCacheSize_a_session_is_read_from_the_store_on_every_request()
    {
        await using var app = await TestApp.StartAsync(o => o.SessionCacheSize = 1);
        var (kept, keptId) = await LogInAndUseAsync(app);
        var (notKept, notKeptId) = await LogInAndUseAsync(app);
        Assert.Equal(1, app.Services.GetRequiredService<AuthSessions>().Cache.Count);

        // Another server sharing the store ended both: only the one the cache holds is still accepted here.
        var store = app.Services.GetRequiredService<IAuthSessionStore>();
        Assert.True(await store.RemoveAsync(keptId));
        Assert.True(await store.RemoveAsync(notKeptId));

        Assert.Equal("42", await TamperedTokenTests.SendWithCookieAsync(app, kept, expectDeletion: false));
        Assert.Equal("anonymous", await TamperedTokenTests.SendWithCookieAsync(app, notKept, expectDeletion: true));
    }

    [Fact]
    public async Task With_SessionCacheSize_0_a_session_removed_from_the_store_is_refused_at_once()
    {
        await using var app = await TestApp.StartAsync(o => o.SessionCacheSize = 0);
        var (token, sessionId) = await LogInAndUseAsync(app);

        Assert.True(await app.Services.GetRequiredService<IAuthSessionStore>().RemoveAsync(sessionId));

        Assert.Equal("anonymous", await TamperedTokenTests.SendWithCookieAsync(app, token, expectDeletion: true));
        Assert.Equal(0, app.Services.GetRequiredService<AuthSessions>().Cache.Count);
    }

    /// <summary>Logs in and makes one request, so this server has read the session from the store.</summary>
    private static async Task<(string Token, string SessionId)> LogInAndUseAsync(TestApp app)
    {
        using var browser = app.CreateBrowser();
        await browser.LoginAsync("42");
        var sessionId = await browser.Client.GetStringAsync("/test/session");
        Assert.Equal("42", await TamperedTokenTests.SendWithCookieAsync(app, browser.AuthCookie!, expectDeletion: false));
        return (browser.AuthCookie!, sessionId);
    }
}
