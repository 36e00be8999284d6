using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using BlazorCookieAuth.Tests.Endpoints;
using BlazorCookieAuth.Tests.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BlazorCookieAuth.Tests.Sessions;

/// <summary>The session store down, as a database or Redis goes down: the kit fails closed, says so once, and recovers.</summary>
public class StoreOutageTests
{
    [Fact]
    public async Task While_the_store_is_down_a_signed_in_request_is_anonymous_keeps_its_cookie_and_the_outage_is_logged_once()
    {
        await using var app = await StartAsync();
        using var browser = app.CreateBrowser();
        await browser.LoginAsync("42");
        var cookie = browser.AuthCookie!;
        GoDown(app);

        var page = await browser.Client.GetAsync("/protected");
        using var api = new HttpRequestMessage(HttpMethod.Get, "/api/data");
        api.Headers.Accept.ParseAdd("application/json");
        var apiResponse = await browser.Client.SendAsync(api);
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal("anonymous", await browser.WhoAmIAsync());
        }

        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal("/login?returnUrl=%2Fprotected", page.Headers.Location?.OriginalString);
        Assert.False(page.Headers.Contains("Set-Cookie"));
        Assert.Equal(HttpStatusCode.Unauthorized, apiResponse.StatusCode);
        Assert.Equal(cookie, browser.AuthCookie);
        var outage = Assert.Single(app.Logs.Entries, e => e.Level == LogLevel.Error);
        Assert.Equal("SessionStoreUnavailable", outage.EventId.Name);

        Store(app).IsDown = false;

        Assert.Equal("42", await browser.WhoAmIAsync());
        Assert.Single(app.Logs.Entries, e => e.EventId.Name == "SessionStoreAvailable");
    }

    [Fact]
    public async Task An_outage_is_logged_once_though_cached_sessions_are_answered_meanwhile()
    {
        await using var app = await StartAsync();
        using var cached = app.CreateBrowser();
        using var notCached = app.CreateBrowser();
        await cached.LoginAsync("42");
        await notCached.LoginAsync("43");
        app.Time.Advance(BlazorCookieAuthDefaults.SessionCacheDuration);
        Assert.Equal("42", await cached.WhoAmIAsync());

        // One session is answered from the cache, the other needs the store: the outage is still one outage.
        Store(app).IsDown = true;
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal("anonymous", await notCached.WhoAmIAsync());
            Assert.Equal("42", await cached.WhoAmIAsync());
        }

        Assert.Single(app.Logs.Entries, e => e.Level >= LogLevel.Error);
        Assert.DoesNotContain(app.Logs.Entries, e => e.EventId.Name == "SessionStoreAvailable");
    }

    [Fact]
    public async Task A_login_form_posted_while_the_store_is_down_goes_back_to_the_login_page_to_try_again_and_sets_no_cookie()
    {
        await using var app = await StartAsync();
        using var browser = app.CreateBrowser();
        GoDown(app);

        var response = await browser.PostFormAsync("/auth/login", LoginEndpointTests.Form(returnUrl: "/account"));

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal("/login?error=unavailable&returnUrl=%2Faccount", response.Headers.Location?.OriginalString);
        Assert.Null(browser.AuthCookie);
    }

    [Fact]
    public async Task A_JSON_login_while_the_store_is_down_gets_503_and_an_error_it_can_show()
    {
        await using var app = await StartAsync();
        using var browser = app.CreateBrowser();
        GoDown(app);
        var response = await browser.PostJsonAsync("/auth/login", new { username = TestApp.Username, password = TestApp.Password });

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("unavailable", JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!.GetValue<string>());
        Assert.Null(browser.AuthCookie);
    }

    [Fact]
    public async Task A_login_that_fails_while_the_store_is_down_leaves_the_browser_signed_in_as_before()
    {
        await using var app = await StartAsync();
        using var browser = app.CreateBrowser();
        await browser.PostFormAsync("/auth/login", LoginEndpointTests.Form());
        var before = browser.AuthCookie!;
        GoDown(app);

        var response = await browser.PostFormAsync("/auth/login", LoginEndpointTests.Form());
        Store(app).IsDown = false;

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal(before, browser.AuthCookie);
        Assert.Equal(TestApp.AliceId, await browser.WhoAmIAsync());
    }

    [Fact]
    public async Task A_logout_while_the_store_is_down_still_signs_this_browser_out()
    {
        await using var app = await StartAsync();
        using var browser = app.CreateBrowser();
        await browser.PostFormAsync("/auth/login", LoginEndpointTests.Form());

        // Still cached: the logout knows its session, but the store can't end it.
        Store(app).IsDown = true;
        var response = await browser.PostFormAsync("/auth/logout", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("__Host-BlazorCookieAuth=;", StringComparison.Ordinal));
        Assert.Null(browser.AuthCookie);
    }

    private static Task<TestApp> StartAsync() =>
        TestApp.StartAsync(configureKit: kit => kit.AddSessionStore<TestSessionStore>());

    private static TestSessionStore Store(TestApp app) => (TestSessionStore)app.Services.GetRequiredService<IAuthSessionStore>();

    /// <summary>Takes the store down, and lets what this server cached of it go stale, so requests must ask it.</summary>
    private static void GoDown(TestApp app)
    {
        Store(app).IsDown = true;
        app.Time.Advance(BlazorCookieAuthDefaults.SessionCacheDuration);
    }
}
