using BlazorCookieAuth.Diagnostics;
using BlazorCookieAuth.Tests.TestHost;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorCookieAuth.Tests.Diagnostics;

public class RefusedTokenMetricsTests
{
    private const string Reason = AuthTelemetry.TokenRefusalReasonTag;
    private const string CookieName = "__Host-BlazorCookieAuth";

    [Fact]
    public async Task A_valid_cookie_counts_no_refusal()
    {
        await using var app = await TestApp.StartAsync();
        using var metrics = new KitMetrics(app.Services);
        using var browser = app.CreateBrowser();
        await browser.LoginAsync("42");

        Assert.Equal("42", await browser.WhoAmIAsync());
        Assert.Equal("42", await GetWithCookieAsync(app, CookieName + "=" + browser.AuthCookie));

        Assert.Empty(metrics.Measurements(AuthTelemetry.RefusedTokens));
    }

    [Fact]
    public async Task A_tampered_cookie_is_counted_as_refused_because_it_is_unreadable()
    {
        await using var app = await TestApp.StartAsync();
        using var metrics = new KitMetrics(app.Services);
        using var browser = app.CreateBrowser();
        await browser.LoginAsync("42");
        var bytes = WebEncoders.Base64UrlDecode(browser.AuthCookie!);
        bytes[^1] ^= 0xFF;

        Assert.Equal("anonymous", await GetWithCookieAsync(app, CookieName + "=" + WebEncoders.Base64UrlEncode(bytes)));

        var refused = Assert.Single(metrics.Measurements(AuthTelemetry.RefusedTokens));
        Assert.Equal(1, refused.Value);
        Assert.Equal("unreadable", refused.Tags[Reason]);
    }

    [Theory]
    [InlineData("not-base64-at-all!", "malformed")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "unreadable")]
    public async Task Garbage_cookies_are_counted_by_what_is_wrong_with_them(string cookie, string reason)
    {
        await using var app = await TestApp.StartAsync();
        using var metrics = new KitMetrics(app.Services);

        Assert.Equal("anonymous", await GetWithCookieAsync(app, CookieName + "=" + cookie));

        var refused = Assert.Single(metrics.Measurements(AuthTelemetry.RefusedTokens));
        Assert.Equal(reason, refused.Tags[Reason]);
    }

    [Fact]
    public async Task An_oversize_cookie_is_counted_as_oversize()
    {
        await using var app = await TestApp.StartAsync();
        using var metrics = new KitMetrics(app.Services);

        Assert.Equal("anonymous", await GetWithCookieAsync(app, CookieName + "=" + new string('A', 5000)));

        Assert.Equal(1, metrics.Sum(AuthTelemetry.RefusedTokens, Reason, "oversize"));
    }

    [Fact]
    public async Task A_copy_of_a_cookie_sent_after_its_logout_is_counted_as_session_ended()
    {
        await using var app = await TestApp.StartAsync();
        using var metrics = new KitMetrics(app.Services);
        using var browser = app.CreateBrowser();
        await browser.LoginAsync("42");
        var copy = browser.AuthCookie!;
        await browser.Client.PostAsync("/test/logout", null);

        Assert.Equal("anonymous", await GetWithCookieAsync(app, CookieName + "=" + copy));

        var refused = Assert.Single(metrics.Measurements(AuthTelemetry.RefusedTokens));
        Assert.Equal("session_ended", refused.Tags[Reason]);
    }

    [Fact]
    public async Task A_cookie_past_its_expiry_is_counted_as_expired()
    {
        await using var app = await TestApp.StartAsync(o => o.UnrememberedDuration = TimeSpan.FromMinutes(5));
        using var metrics = new KitMetrics(app.Services);
        using var browser = app.CreateBrowser();
        await browser.LoginAsync("42");
        var cookie = browser.AuthCookie!;

        app.Time.Advance(TimeSpan.FromMinutes(5));

        Assert.Equal("anonymous", await GetWithCookieAsync(app, CookieName + "=" + cookie));
        Assert.Equal(1, metrics.Sum(AuthTelemetry.RefusedTokens, Reason, "expired"));
        Assert.Single(metrics.Measurements(AuthTelemetry.RefusedTokens));
    }

    [Fact]
    public async Task The_login_cookie_sent_twice_is_counted_as_duplicate_cookie()
    {
        await using var app = await TestApp.StartAsync();
        using var metrics = new KitMetrics(app.Services);
        using var browser = app.CreateBrowser();
        await browser.LoginAsync("42");
        var cookie = browser.AuthCookie!;

        Assert.Equal("anonymous", await GetWithCookieAsync(app, CookieName + "=" + cookie + "; " + CookieName + "=" + cookie));

        var refused = Assert.Single(metrics.Measurements(AuthTelemetry.RefusedTokens));
        Assert.Equal("duplicate_cookie", refused.Tags[Reason]);
    }

    [Fact]
    public async Task A_token_refused_by_IAuthTokenService_is_counted_too()
    {
        await using var app = await TestApp.StartAsync();
        using var metrics = new KitMetrics(app.Services);
        var tokens = app.Services.GetRequiredService<IAuthTokenService>();

        Assert.False((await tokens.ValidateTokenAsync("%%%%")).IsAuthenticated);

        Assert.Equal(1, metrics.Sum(AuthTelemetry.RefusedTokens, Reason, "malformed"));
    }

    private static async Task<string> GetWithCookieAsync(TestApp app, string cookieHeader)
    {
        using var client = app.Server.CreateClient();
        client.BaseAddress = TestBrowser.BaseAddress;
        using var request = new HttpRequestMessage(HttpMethod.Get, "/me");
        request.Headers.Add("Cookie", cookieHeader);
        using var response = await client.SendAsync(request);
        return await response.Content.ReadAsStringAsync();
    }
}
