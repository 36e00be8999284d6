using System.Net;
using BlazorCookieAuth.Tests.TestHost;

namespace BlazorCookieAuth.Tests.Authentication;

public class CookieAttributesTests
{
    [Fact]
    public async Task Session_login_sets_a_secure_host_only_session_cookie()
    {
        await using var app = await TestApp.StartAsync();
        using var browser = app.CreateBrowser();

        var response = await browser.LoginAsync("42");

        var setCookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith("__Host-BlazorCookieAuth=", setCookie, StringComparison.Ordinal);
        var attributes = Attributes(setCookie);
        Assert.Contains("path=/", attributes);
        Assert.Contains("secure", attributes);
        Assert.Contains("samesite=lax", attributes);
        Assert.Contains("httponly", attributes);
        Assert.DoesNotContain(attributes, a => a.StartsWith("max-age", StringComparison.Ordinal));
        Assert.DoesNotContain(attributes, a => a.StartsWith("expires", StringComparison.Ordinal));
        Assert.DoesNotContain(attributes, a => a.StartsWith("domain", StringComparison.Ordinal));
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.Equal("42", await browser.WhoAmIAsync());
    }

    [Fact]
    public async Task Remembered_login_sets_a_persistent_cookie_for_the_duration()
    {
        await using var app = await TestApp.StartAsync(o => o.Duration = TimeSpan.FromDays(30));
        using var browser = app.CreateBrowser();

        var response = await browser.LoginAsync("42", remember: true);

        var attributes = Attributes(SetCookie(response, "__Host-BlazorCookieAuth"));
        Assert.Contains("max-age=2592000", attributes);
        Assert.Contains("secure", attributes);
        Assert.Contains("httponly", attributes);
        Assert.Contains("samesite=lax", attributes);
    }

    [Fact]
    public async Task Remembered_login_also_sets_a_browser_session_cookie_that_ends_with_the_browser()
    {
        await using var app = await TestApp.StartAsync();
        using var browser = app.CreateBrowser();

        var response = await browser.LoginAsync("42", remember: true);

        Assert.Equal(2, response.Headers.GetValues("Set-Cookie").Count());
        var attributes = Attributes(SetCookie(response, "__Host-BlazorCookieAuth-fresh"));
        Assert.Contains("path=/", attributes);
        Assert.Contains("secure", attributes);
        Assert.Contains("httponly", attributes);
        Assert.Contains("samesite=lax", attributes);
        Assert.DoesNotContain(attributes, a => a.StartsWith("max-age", StringComparison.Ordinal));
        Assert.DoesNotContain(attributes, a => a.StartsWith("expires", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Logout_of_a_remembered_login_deletes_both_cookies()
    {
        await using var app = await TestApp.StartAsync();
        using var browser = app.CreateBrowser();
        await browser.LoginAsync("42", remember: true);

        var response = await browser.Client.PostAsync("/test/logout", null);

        Assert.Contains("expires=thu, 01 jan 1970 00:00:00 gmt", Attributes(SetCookie(response, "__Host-BlazorCookieAuth")));
        Assert.Contains("expires=thu, 01 jan 1970 00:00:00 gmt", Attributes(SetCookie(response, "__Host-BlazorCookieAuth-fresh")));
        Assert.Empty(browser.Cookies.GetCookies(TestBrowser.BaseAddress));
    }

    [Fact]
    public async Task Default_remembered_login_lasts_365_days()
    {
        await using var app = await TestApp.StartAsync();
        using var browser = app.CreateBrowser();

        var response = await browser.LoginAsync("42", remember: true);

        Assert.Contains("max-age=31536000", Attributes(SetCookie(response, "__Host-BlazorCookieAuth")));
    }

    [Fact]
    public async Task Logout_deletes_the_cookie_with_the_attributes_it_was_set_with()
    {
        await using var app = await TestApp.StartAsync();
        using var browser = app.CreateBrowser();
        await browser.LoginAsync("42");

        var response = await browser.Client.PostAsync("/test/logout", null);

        var setCookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith("__Host-BlazorCookieAuth=;", setCookie, StringComparison.Ordinal);
        var attributes = Attributes(setCookie);
        Assert.Contains("expires=thu, 01 jan 1970 00:00:00 gmt", attributes);
        Assert.Contains("path=/", attributes);
        Assert.Contains("secure", attributes);
        Assert.Contains("samesite=lax", attributes);
        Assert.Contains("httponly", attributes);
        Assert.Equal("anonymous", await browser.WhoAmIAsync());
    }

    [Fact]
    public async Task Custom_cookie_settings_are_written_as_set()
    {
        await using var app = await TestApp.StartAsync(o =>
        {
            o.Cookie.Name = "app_auth";
            o.Cookie.Domain = "localhost";
            o.Cookie.Path = "/";
            o.Cookie.SameSite = Microsoft.AspNetCore.Http.SameSiteMode.Strict;
        });
        using var browser = app.CreateBrowser();

        var response = await browser.LoginAsync("42");

        var setCookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith("app_auth=", setCookie, StringComparison.Ordinal);
        var attributes = Attributes(setCookie);
        Assert.Contains("domain=localhost", attributes);
        Assert.Contains("samesite=strict", attributes);
        Assert.Contains("secure", attributes);
    }

    [Fact]
    public async Task A_domain_cookie_gets_the_Secure_prefix_instead_of_the_Host_prefix()
    {
        await using var app = await TestApp.StartAsync(o => o.Cookie.Domain = "localhost");
        using var browser = app.CreateBrowser();

        var response = await browser.LoginAsync("42");

        Assert.StartsWith("__Secure-BlazorCookieAuth=", Assert.Single(response.Headers.GetValues("Set-Cookie")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Renew_reissues_the_cookie_with_fresh_times_and_keeps_it_remembered()
    {
        await using var app = await TestApp.StartAsync(o => o.Duration = TimeSpan.FromHours(2));
        using var browser = app.CreateBrowser();
        await browser.LoginAsync("42", remember: true);
        var first = browser.AuthCookie;

        app.Time.Advance(TimeSpan.FromHours(1.5));
        var response = await browser.Client.PostAsync("/test/renew", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var attributes = Attributes(SetCookie(response, "__Host-BlazorCookieAuth"));
        Assert.Contains("max-age=7200", attributes);
        Assert.NotEqual(first, browser.AuthCookie);

        app.Time.Advance(TimeSpan.FromHours(1));
        Assert.Equal("42", await browser.WhoAmIAsync());
    }

    [Fact]
    public async Task Renew_when_anonymous_is_an_error_that_says_so()
    {
        await using var app = await TestApp.StartAsync();
        using var browser = app.CreateBrowser();

        var response = await browser.Client.PostAsync("/test/renew", null);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("anonymous", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    /// <summary>The one Set-Cookie header of the response for the cookie <paramref name="name"/>.</summary>
    private static string SetCookie(HttpResponseMessage response, string name) =>
        Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(name + "=", StringComparison.Ordinal));

    private static string[] Attributes(string setCookie) =>
        setCookie.Split(';', StringSplitOptions.TrimEntries).Skip(1).Select(a => a.ToLowerInvariant()).ToArray();
}
