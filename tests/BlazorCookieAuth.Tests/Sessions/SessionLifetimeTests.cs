using System.Net;
using BlazorCookieAuth.Tests.TestHost;
using BlazorCookieAuth.Tests.Tokens;

namespace BlazorCookieAuth.Tests.Sessions;

public class SessionLifetimeTests
{
    private static readonly TimeSpan Moment = TimeSpan.FromMilliseconds(1);

    [Fact]
    public async Task A_login_without_remember_me_ends_after_UnrememberedDuration_though_the_browser_still_sends_the_cookie()
    {
        await using var app = await TestApp.StartAsync(o => o.UnrememberedDuration = TimeSpan.FromHours(2));
        using var browser = app.CreateBrowser();
        await browser.LoginAsync("42");
        var token = browser.AuthCookie!;

        app.Time.Advance(TimeSpan.FromHours(2) - Moment);
        Assert.Equal("42", await TamperedTokenTests.SendWithCookieAsync(app, token, expectDeletion: false));

        app.Time.Advance(Moment);
        Assert.Equal("anonymous", await TamperedTokenTests.SendWithCookieAsync(app, token, expectDeletion: true));
    }

    [Fact]
    public async Task A_remembered_login_outlives_UnrememberedDuration()
    {
        await using var app = await TestApp.StartAsync(o => o.UnrememberedDuration = TimeSpan.FromHours(2));
        using var unremembered = app.CreateBrowser();
        using var remembered = app.CreateBrowser();
        await unremembered.LoginAsync("42");
        await remembered.LoginAsync("42", remember: true);

        app.Time.Advance(TimeSpan.FromHours(2));

        Assert.Equal("anonymous", await TamperedTokenTests.SendWithCookieAsync(app, unremembered.AuthCookie!, expectDeletion: true));
        Assert.Equal("42", await TamperedTokenTests.SendWithCookieAsync(app, remembered.AuthCookie!, expectDeletion: false));
    }

    [Fact]
    public async Task By_default_a_login_without_remember_me_lasts_12_hours()
    {
        await using var app = await TestApp.StartAsync();
        using var browser = app.CreateBrowser();
        await browser.LoginAsync("42");
        var token = browser.AuthCookie!;

        app.Time.Advance(TimeSpan.FromHours(12) - Moment);
        Assert.Equal("42", await TamperedTokenTests.SendWithCookieAsync(app, token, expectDeletion: false));

        app.Time.Advance(Moment);
        Assert.Equal("anonymous", await TamperedTokenTests.SendWithCookieAsync(app, token, expectDeletion: true));
    }

    [Fact]
    public async Task A_Duration_shorter_than_UnrememberedDuration_bounds_a_login_without_remember_me()
    {
        await using var app = await TestApp.StartAsync(o => o.Duration = TimeSpan.FromHours(1));
        using var browser = app.CreateBrowser();
        await browser.LoginAsync("42");

        app.Time.Advance(TimeSpan.FromHours(1));

        Assert.Equal("anonymous", await TamperedTokenTests.SendWithCookieAsync(app, browser.AuthCookie!, expectDeletion: true));
    }

    [Fact]
    public async Task ExpiresUtc_given_to_SignInAsync_ends_a_remembered_login_then_and_sets_the_cookies_MaxAge()
    {
        await using var app = await TestApp.StartAsync();
        using var browser = app.CreateBrowser();

        var response = await browser.Client.PostAsync("/test/login-until?authId=42&minutes=5&remember=true", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("max-age=300", AuthSetCookie(response), StringComparison.Ordinal);
        var token = browser.AuthCookie!;

        app.Time.Advance(TimeSpan.FromMinutes(5) - Moment);
        Assert.Equal("42", await TamperedTokenTests.SendWithCookieAsync(app, token, expectDeletion: false));

        app.Time.Advance(Moment);
        Assert.Equal("anonymous", await TamperedTokenTests.SendWithCookieAsync(app, token, expectDeletion: true));
    }

    [Fact]
    public async Task ExpiresUtc_given_to_SignInAsync_ends_a_login_without_remember_me_then()
    {
        await using var app = await TestApp.StartAsync();
        using var browser = app.CreateBrowser();

        var response = await browser.Client.PostAsync("/test/login-until?authId=42&minutes=5", null);

        Assert.DoesNotContain("max-age", AuthSetCookie(response), StringComparison.OrdinalIgnoreCase);
        app.Time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal("anonymous", await TamperedTokenTests.SendWithCookieAsync(app, browser.AuthCookie!, expectDeletion: true));
    }

    [Fact]
    public async Task ExpiresUtc_later_than_the_duration_does_not_lengthen_a_login()
    {
        await using var app = await TestApp.StartAsync(o => o.Duration = TimeSpan.FromMinutes(10));
        using var browser = app.CreateBrowser();

        var response = await browser.Client.PostAsync("/test/login-until?authId=42&minutes=60&remember=true", null);

        Assert.Contains("max-age=600", AuthSetCookie(response), StringComparison.Ordinal);
        app.Time.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal("anonymous", await TamperedTokenTests.SendWithCookieAsync(app, browser.AuthCookie!, expectDeletion: true));
    }

    [Fact]
    public async Task Renewing_never_moves_a_login_past_its_ExpiresUtc()
    {
        await using var app = await TestApp.StartAsync();
        using var browser = app.CreateBrowser();
        await browser.Client.PostAsync("/test/login-until?authId=42&minutes=5&remember=true", null);
        app.Time.Advance(TimeSpan.FromMinutes(2));

        var renewal = await browser.Client.PostAsync("/test/renew", null);

        Assert.Equal(HttpStatusCode.OK, renewal.StatusCode);
        Assert.Contains("max-age=180", AuthSetCookie(renewal), StringComparison.Ordinal);
        app.Time.Advance(TimeSpan.FromMinutes(3));
        Assert.Equal("anonymous", await TamperedTokenTests.SendWithCookieAsync(app, browser.AuthCookie!, expectDeletion: true));
    }

    [Fact]
    public async Task A_login_that_fails_leaves_the_browser_signed_in_as_before()
    {
        await using var app = await TestApp.StartAsync();
        using var browser = app.CreateBrowser();
        await browser.LoginAsync("42");
        var before = browser.AuthCookie!;

        // ExpiresUtc in the past: the kit refuses the login before it changes anything.
        var error = await Assert.ThrowsAsync<ArgumentException>(() => browser.Client.PostAsync("/test/login-until?authId=42&minutes=-1", null));

        Assert.Contains("ExpiresUtc", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, browser.AuthCookie);
        Assert.Equal("42", await TamperedTokenTests.SendWithCookieAsync(app, before, expectDeletion: false));
    }

    private static string AuthSetCookie(HttpResponseMessage response) =>
        Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("__Host-BlazorCookieAuth=", StringComparison.Ordinal));
}
