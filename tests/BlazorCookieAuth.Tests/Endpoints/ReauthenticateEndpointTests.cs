using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BlazorCookieAuth.Tests.TestHost;
using Microsoft.AspNetCore.Builder;

namespace BlazorCookieAuth.Tests.Endpoints;

/// <summary><c>POST /auth/reauthenticate</c>: a signed-in user proves who they are again, under the login limits.</summary>
public class ReauthenticateEndpointTests
{
    private const string FreshCookieName = "__Host-BlazorCookieAuth-fresh";

    [Fact]
    public async Task The_right_password_sends_back_to_the_return_url_with_a_new_session_and_a_fresh_login()
    {
        await using var app = await StartAsync();
        using var browser = app.CreateBrowser();
        await browser.LoginAsync(TestApp.AliceId, remember: true);
        var oldCookie = browser.AuthCookie!;
        var oldSession = await browser.Client.GetStringAsync("/test/session");

        var response = await browser.PostFormAsync("/auth/reauthenticate", Form(TestApp.Password, "/fresh"));

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal("/fresh", response.Headers.Location?.OriginalString);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var setCookies = response.Headers.GetValues("Set-Cookie").ToList();
        Assert.Single(setCookies, c => c.StartsWith("__Host-BlazorCookieAuth=", StringComparison.Ordinal));
        Assert.Single(setCookies, c => c.StartsWith(FreshCookieName + "=", StringComparison.Ordinal));
        Assert.NotEqual(oldCookie, browser.AuthCookie);
        Assert.NotEqual(oldSession, await browser.Client.GetStringAsync("/test/session"));
        Assert.Equal(HttpStatusCode.OK, (await browser.Client.GetAsync("/fresh")).StatusCode);
        Assert.Equal(TestApp.AliceId, await browser.WhoAmIAsync());

        // A copy of the cookie from before is refused: its session was replaced.
        using var copy = app.CreateBrowser();
        copy.Cookies.Add(TestBrowser.BaseAddress, new Cookie("__Host-BlazorCookieAuth", oldCookie, "/"));
        Assert.Equal("anonymous", await copy.WhoAmIAsync());
    }

    [Fact]
    public async Task A_wrong_password_goes_back_to_the_reauthentication_page_and_keeps_the_login()
    {
        await using var app = await StartAsync();
        using var browser = app.CreateBrowser();
        await browser.LoginAsync(TestApp.AliceId);
        var cookie = browser.AuthCookie;

        var response = await browser.PostFormAsync("/auth/reauthenticate", Form("wrong", "/fresh"));

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal("/reauthenticate?error=1&returnUrl=%2Ffresh", response.Headers.Location?.OriginalString);
        Assert.False(response.Headers.Contains("Set-Cookie"));
        Assert.Equal(cookie, browser.AuthCookie);
        Assert.Equal(TestApp.AliceId, await browser.WhoAmIAsync());
        Assert.Contains(app.Logs.Entries, e => e.EventId.Name == "LoginFailed");
    }

    [Fact]
    public async Task The_eleventh_wrong_password_is_refused_with_429_even_with_the_right_one_next()
    {
        await using var app = await StartAsync();
        using var browser = app.CreateBrowser();
        await browser.LoginAsync(TestApp.AliceId);

        for (var i = 0; i < BlazorCookieAuthDefaults.LoginFailureLimit; i++)
        {
            var wrong = await browser.PostFormAsync("/auth/reauthenticate", Form("wrong", "/fresh"));
            Assert.Equal(HttpStatusCode.SeeOther, wrong.StatusCode);
        }

        var eleventh = await browser.PostFormAsync("/auth/reauthenticate", Form("wrong", "/fresh"));
        Assert.Equal(HttpStatusCode.TooManyRequests, eleventh.StatusCode);
        Assert.True(eleventh.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Contains("/reauthenticate?error=ratelimited&amp;returnUrl=%2Ffresh", await eleventh.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var right = await browser.PostFormAsync("/auth/reauthenticate", Form(TestApp.Password, "/fresh"));
        Assert.Equal(HttpStatusCode.TooManyRequests, right.StatusCode);
        Assert.Equal(TestApp.AliceId, await browser.WhoAmIAsync());
    }

    [Fact]
    public async Task An_api_caller_gets_json_and_status_codes()
    {
        await using var app = await StartAsync();
        using var browser = app.CreateBrowser();
        await browser.LoginAsync(TestApp.AliceId);

        var wrong = await browser.PostJsonAsync("/auth/reauthenticate", new { password = "wrong" });
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal("invalid_credentials", (await wrong.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());

        var right = await browser.PostJsonAsync("/auth/reauthenticate", new { password = TestApp.Password, returnUrl = "/fresh" });
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Null(right.Headers.Location);
        var body = await right.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(body.GetProperty("authenticated").GetBoolean());
        Assert.Equal(TestApp.AliceId, body.GetProperty("authId").GetString());
        Assert.Equal("/fresh", body.GetProperty("returnUrl").GetString());
    }

    [Fact]
    public async Task An_anonymous_request_goes_to_the_login_page_and_an_api_caller_gets_401()
    {
        await using var app = await StartAsync();
        using var browser = app.CreateBrowser();

        var form = await browser.PostFormAsync("/auth/reauthenticate", Form(TestApp.Password, "/fresh"));
        Assert.Equal(HttpStatusCode.SeeOther, form.StatusCode);
        Assert.Equal("/login?returnUrl=%2Ffresh", form.Headers.Location?.OriginalString);

        var json = await browser.PostJsonAsync("/auth/reauthenticate", new { password = TestApp.Password });
        Assert.Equal(HttpStatusCode.Unauthorized, json.StatusCode);
        Assert.Equal("anonymous", await browser.WhoAmIAsync());
    }

    [Fact]
    public async Task Without_an_antiforgery_token_it_is_refused_and_GET_is_405()
    {
        await using var app = await StartAsync();
        using var browser = app.CreateBrowser();
        await browser.LoginAsync(TestApp.AliceId);
        var cookie = browser.AuthCookie;

        var forged = await browser.PostFormAsync("/auth/reauthenticate", Form(TestApp.Password, "/fresh"), withAntiforgery: false);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(cookie, browser.AuthCookie);

        var get = await browser.Client.GetAsync("/auth/reauthenticate");
        Assert.Equal(HttpStatusCode.MethodNotAllowed, get.StatusCode);
    }

    [Fact]
    public async Task A_stale_remembered_login_is_sent_to_the_reauthentication_page_not_logged_out_and_comes_back_fresh()
    {
        await using var app = await StartAsync();
        using var browser = app.CreateBrowser();
        await browser.LoginAsync(TestApp.AliceId, remember: true);

        // The browser was closed and opened again: the remembered cookie is back, its browser-session cookie is not.
        var remembered = browser.AuthCookie!;
        using var restored = app.CreateBrowser();
        restored.Cookies.Add(TestBrowser.BaseAddress, new Cookie("__Host-BlazorCookieAuth", remembered, "/"));

        var stale = await restored.Client.GetAsync("/fresh?step=2");
        Assert.Equal(HttpStatusCode.Redirect, stale.StatusCode);
        Assert.Equal("/reauthenticate?returnUrl=%2Ffresh%3Fstep%3D2", stale.Headers.Location?.OriginalString);
        Assert.Equal(TestApp.AliceId, await restored.WhoAmIAsync());

        var proven = await restored.PostFormAsync("/auth/reauthenticate", Form(TestApp.Password, "/fresh?step=2"));
        Assert.Equal("/fresh?step=2", proven.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await restored.Client.GetAsync("/fresh?step=2")).StatusCode);
    }

    [Fact]
    public async Task Without_a_ReauthenticationPath_a_stale_login_goes_to_the_login_page_as_before()
    {
        await using var app = await StartAsync(reauthenticationPath: null);
        using var browser = app.CreateBrowser();
        await browser.LoginAsync(TestApp.AliceId);
        app.Time.Advance(BlazorCookieAuthDefaults.FreshLoginMaxAge + TimeSpan.FromSeconds(1));

        var stale = await browser.Client.GetAsync("/fresh");

        Assert.Equal("/login?returnUrl=%2Ffresh", stale.Headers.Location?.OriginalString);
        var wrong = await browser.PostFormAsync("/auth/reauthenticate", Form("wrong", "/fresh"));
        Assert.Equal("/login?error=1&returnUrl=%2Ffresh", wrong.Headers.Location?.OriginalString);
    }

    private static Dictionary<string, string> Form(string password, string returnUrl) =>
        new() { ["password"] = password, ["returnUrl"] = returnUrl };

    private static Task<TestApp> StartAsync(string? reauthenticationPath = "/reauthenticate") =>
        TestApp.StartAsync(
            configure: o => o.ReauthenticationPath = reauthenticationPath,
            configureApp: app => app.MapGet("/fresh", [RequireFreshLogin] () => "fresh page"));
}
