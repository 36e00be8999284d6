using System.Net;
using BlazorCookieAuth.Tests.Endpoints;
using BlazorCookieAuth.Tests.TestHost;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;

namespace BlazorCookieAuth.Tests.Authorization;

public class FreshLoginTests
{
    private const string FreshCookieName = "__Host-BlazorCookieAuth-fresh";
    private static readonly TimeSpan MaxAge = BlazorCookieAuthDefaults.FreshLoginMaxAge;

    [Fact]
    public async Task A_fresh_endpoint_answers_right_after_login_sends_to_login_once_the_login_is_older_than_FreshLoginMaxAge_and_answers_again_after_a_new_login()
    {
        await using var app = await StartAsync();
        using var browser = app.CreateBrowser();
        await browser.PostFormAsync("/auth/login", LoginEndpointTests.Form());

        Assert.Equal(HttpStatusCode.OK, (await browser.Client.GetAsync("/fresh")).StatusCode);

        app.Time.Advance(MaxAge);
        Assert.Equal(HttpStatusCode.OK, (await browser.Client.GetAsync("/fresh")).StatusCode);

        app.Time.Advance(TimeSpan.FromSeconds(1));
        var stale = await browser.Client.GetAsync("/fresh?step=2");
        Assert.Equal(HttpStatusCode.Redirect, stale.StatusCode);
        Assert.Equal("/login?returnUrl=%2Ffresh%3Fstep%3D2", stale.Headers.Location?.OriginalString);
        Assert.Equal(TestApp.AliceId, await browser.WhoAmIAsync());

        await browser.PostFormAsync("/auth/login", LoginEndpointTests.Form());
        Assert.Equal(HttpStatusCode.OK, (await browser.Client.GetAsync("/fresh")).StatusCode);
    }

    [Fact]
    public async Task A_stale_login_asking_for_json_gets_401()
    {
        await using var app = await StartAsync();
        using var browser = app.CreateBrowser();
        await browser.LoginAsync("42");
        app.Time.Advance(MaxAge + TimeSpan.FromSeconds(1));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/fresh");
        request.Headers.Accept.ParseAdd("application/json");

        var response = await browser.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    [Fact]
    public async Task The_FreshLoginPolicy_by_name_works_like_the_attribute()
    {
        await using var app = await StartAsync();
        using var browser = app.CreateBrowser();
        await browser.LoginAsync("42");

        Assert.Equal(HttpStatusCode.OK, (await browser.Client.GetAsync("/fresh-by-policy")).StatusCode);
        app.Time.Advance(MaxAge + TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.Redirect, (await browser.Client.GetAsync("/fresh-by-policy")).StatusCode);
    }

    [Fact]
    public async Task FreshLoginMaxAge_sets_the_age_of_the_policy()
    {
        await using var app = await StartAsync(o => o.FreshLoginMaxAge = TimeSpan.FromMinutes(1));
        using var browser = app.CreateBrowser();
        await browser.LoginAsync("42");

        app.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.OK, (await browser.Client.GetAsync("/fresh")).StatusCode);
        app.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.Redirect, (await browser.Client.GetAsync("/fresh")).StatusCode);
    }

    [Fact]
    public async Task A_remembered_login_is_fresh_in_the_browser_that_logged_in_but_not_once_the_browser_restarted()
    {
        await using var app = await StartAsync();
        using var browser = app.CreateBrowser();
        await browser.LoginAsync("42", remember: true);
        Assert.Equal(HttpStatusCode.OK, (await browser.Client.GetAsync("/fresh")).StatusCode);

        using var restarted = Restart(app, browser);

        Assert.Equal("42", await restarted.WhoAmIAsync());
        var response = await restarted.Client.GetAsync("/fresh");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/login?returnUrl=%2Ffresh", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task A_remembered_login_sent_with_the_fresh_cookie_of_another_login_is_not_fresh()
    {
        await using var app = await StartAsync();
        using var mine = app.CreateBrowser();
        using var other = app.CreateBrowser();
        await mine.LoginAsync("42", remember: true);
        await other.LoginAsync("42", remember: true);

        Assert.Equal(HttpStatusCode.OK, (await SendAsync(app, "/fresh", mine.AuthCookie!, FreshCookie(mine))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await SendAsync(app, "/fresh", mine.AuthCookie!, FreshCookie(other))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await SendAsync(app, "/fresh", mine.AuthCookie!, "not-a-secret")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await SendAsync(app, "/fresh", mine.AuthCookie!, freshCookie: null)).StatusCode);
    }

    [Fact]
    public async Task Renewing_keeps_the_time_of_the_login_so_a_renewed_login_goes_stale_on_the_logins_schedule()
    {
        await using var app = await StartAsync();
        using var browser = app.CreateBrowser();
        await browser.LoginAsync("42", remember: true);

        app.Time.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(HttpStatusCode.OK, (await browser.Client.PostAsync("/test/renew", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.Client.GetAsync("/fresh")).StatusCode);

        app.Time.Advance(MaxAge - TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.Redirect, (await browser.Client.GetAsync("/fresh")).StatusCode);
    }

    [Fact]
    public async Task Renewing_a_login_restored_after_a_browser_restart_does_not_make_it_fresh()
    {
        await using var app = await StartAsync();
        using var browser = app.CreateBrowser();
        await browser.LoginAsync("42", remember: true);
        using var restarted = Restart(app, browser);

        var renewal = await restarted.Client.PostAsync("/test/renew", null);

        Assert.Equal(HttpStatusCode.OK, renewal.StatusCode);
        Assert.DoesNotContain(renewal.Headers.GetValues("Set-Cookie"), c => c.StartsWith("__Host-BlazorCookieAuth-fresh=", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Redirect, (await restarted.Client.GetAsync("/fresh")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.Client.GetAsync("/fresh")).StatusCode);
    }

    [Fact]
    public async Task A_custom_policy_with_RequireFreshLogin_uses_its_own_age()
    {
        await using var app = await StartAsync();
        using var browser = app.CreateBrowser();
        await browser.LoginAsync("42");

        app.Time.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(HttpStatusCode.OK, (await browser.Client.GetAsync("/fresh-2min")).StatusCode);

        app.Time.Advance(TimeSpan.FromSeconds(1));
        var response = await browser.Client.GetAsync("/fresh-2min");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/login?returnUrl=%2Ffresh-2min", response.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await browser.Client.GetAsync("/fresh")).StatusCode);
    }

    [Fact]
    public async Task An_anonymous_request_gets_the_usual_login_redirect_or_401()
    {
        await using var app = await StartAsync();
        using var browser = app.CreateBrowser();

        var page = await browser.Client.GetAsync("/fresh");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/fresh");
        request.Headers.Accept.ParseAdd("application/json");
        var api = await browser.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal("/login?returnUrl=%2Ffresh", page.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
    }

    [Fact]
    public async Task A_signed_in_user_who_fails_a_role_requirement_is_still_forbidden_fresh_or_not()
    {
        await using var app = await StartAsync();
        using var browser = app.CreateBrowser();
        await browser.LoginAsync("42");

        Assert.Equal(HttpStatusCode.Forbidden, (await browser.Client.GetAsync("/admin")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.Client.GetAsync("/fresh-admin")).StatusCode);

        app.Time.Advance(MaxAge + TimeSpan.FromSeconds(1));

        var response = await browser.Client.GetAsync("/fresh-admin");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    [Fact]
    public async Task A_stale_user_who_has_the_role_is_sent_to_log_in_again()
    {
        await using var app = await StartAsync();
        using var browser = app.CreateBrowser();
        await browser.Client.PostAsync("/test/login?authId=42&role=admin", null);

        Assert.Equal(HttpStatusCode.OK, (await browser.Client.GetAsync("/fresh-admin")).StatusCode);
        app.Time.Advance(MaxAge + TimeSpan.FromSeconds(1));

        var response = await browser.Client.GetAsync("/fresh-admin");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/login?returnUrl=%2Ffresh-admin", response.Headers.Location?.OriginalString);
    }

    private static Task<TestApp> StartAsync(Action<BlazorCookieAuthOptions>? configure = null) =>
        TestApp.StartAsync(configure, configureApp: app =>
        {
            app.MapGet("/fresh", [RequireFreshLogin] () => "fresh page");
            app.MapGet("/fresh-by-policy", () => "fresh page").RequireAuthorization(BlazorCookieAuthDefaults.FreshLoginPolicy);
            app.MapGet("/fresh-2min", () => "very fresh page").RequireAuthorization(p => p.RequireFreshLogin(TimeSpan.FromMinutes(2)));
            app.MapGet("/fresh-admin", () => "fresh admin page").RequireAuthorization(p => p.RequireFreshLogin(MaxAge).RequireRole("admin"));
        });

    /// <summary>The browser after a restart: it keeps its persistent cookies and drops its browser-session ones.</summary>
    private static TestBrowser Restart(TestApp app, TestBrowser browser)
    {
        var restarted = app.CreateBrowser();
        foreach (var cookie in browser.Cookies.GetAllCookies().Where(c => c.Expires != DateTime.MinValue))
        {
            restarted.Cookies.Add(TestBrowser.BaseAddress, new Cookie(cookie.Name, cookie.Value, cookie.Path));
        }

        Assert.NotNull(restarted.AuthCookie);
        Assert.Null(FreshCookie(restarted));
        return restarted;
    }

    private static string? FreshCookie(TestBrowser browser) =>
        browser.Cookies.GetCookies(TestBrowser.BaseAddress)[FreshCookieName]?.Value;

    private static async Task<HttpResponseMessage> SendAsync(TestApp app, string path, string authCookie, string? freshCookie)
    {
        using var client = app.Server.CreateClient();
        client.BaseAddress = TestBrowser.BaseAddress;
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        var cookies = "__Host-BlazorCookieAuth=" + authCookie + (freshCookie is null ? string.Empty : $"; {FreshCookieName}={freshCookie}");
        request.Headers.TryAddWithoutValidation("Cookie", cookies);
        return await client.SendAsync(request);
    }
}
