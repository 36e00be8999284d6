using System.Net;
using BlazorCookieAuth.Tests.Endpoints;
using BlazorCookieAuth.Tests.TestHost;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorCookieAuth.Tests.Antiforgery;

public class AntiforgeryCookieTests
{
    [Fact]
    public async Task The_antiforgery_cookie_is_host_prefixed_secure_and_on_the_whole_site()
    {
        await using var app = await TestApp.StartAsync();
        using var browser = app.CreateBrowser();

        var cookie = await AntiforgerySetCookieAsync(browser.Client);

        Assert.StartsWith("__Host-AspNetCore.Antiforgery.", cookie, StringComparison.Ordinal);
        var attributes = Attributes(cookie);
        Assert.Contains("secure", attributes);
        Assert.Contains("path=/", attributes);
        Assert.Contains("httponly", attributes);
        Assert.Contains("samesite=strict", attributes);
        Assert.DoesNotContain(attributes, a => a.StartsWith("domain", StringComparison.Ordinal));

        // And the login form still works with it.
        var login = await browser.PostFormAsync("/auth/login", LoginEndpointTests.Form());
        Assert.Equal(HttpStatusCode.SeeOther, login.StatusCode);
        Assert.Equal(TestApp.AliceId, await browser.WhoAmIAsync());
    }

    [Fact]
    public async Task Over_plain_http_the_cookie_is_still_secure_and_antiforgery_still_runs()
    {
        // Browsers keep Secure cookies on http://localhost; antiforgery must not refuse such requests.
        await using var app = await TestApp.StartAsync();
        using var client = app.Server.CreateClient();
        client.BaseAddress = new Uri("http://localhost");

        var cookie = await AntiforgerySetCookieAsync(client);

        Assert.StartsWith("__Host-AspNetCore.Antiforgery.", cookie, StringComparison.Ordinal);
        Assert.Contains("secure", Attributes(cookie));
    }

    [Fact]
    public async Task Under_a_path_base_the_cookie_is_still_on_path_slash()
    {
        await using var app = await TestApp.StartAsync(configureApp: a => a.UsePathBase("/shop"));
        using var client = app.Server.CreateClient();
        client.BaseAddress = new Uri("https://localhost/shop/");

        var cookie = await AntiforgerySetCookieAsync(client, "test/antiforgery");

        Assert.StartsWith("__Host-", cookie, StringComparison.Ordinal);
        Assert.Contains("path=/", Attributes(cookie));
    }

    [Fact]
    public async Task An_app_that_names_its_own_antiforgery_cookie_keeps_it()
    {
        await using var app = await TestApp.StartAsync(configureBuilder: b => b.Services.AddAntiforgery(o => o.Cookie.Name = "app-antiforgery"));
        using var browser = app.CreateBrowser();

        var cookie = await AntiforgerySetCookieAsync(browser.Client);

        Assert.StartsWith("app-antiforgery=", cookie, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KeepFrameworkAntiforgeryCookie_leaves_the_framework_cookie()
    {
        await using var app = await TestApp.StartAsync(configureKit: k => k.KeepFrameworkAntiforgeryCookie());
        using var browser = app.CreateBrowser();

        var cookie = await AntiforgerySetCookieAsync(browser.Client);

        Assert.StartsWith(".AspNetCore.Antiforgery.", cookie, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_app_with_its_own_domain_for_the_cookie_keeps_the_framework_name()
    {
        await using var app = await TestApp.StartAsync(configureBuilder: b => b.Services.AddAntiforgery(o => o.Cookie.Domain = "localhost"));
        using var browser = app.CreateBrowser();

        var cookie = await AntiforgerySetCookieAsync(browser.Client);

        Assert.StartsWith(".AspNetCore.Antiforgery.", cookie, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_the_login_cookie_not_secure_the_antiforgery_cookie_is_the_frameworks()
    {
        await using var app = await TestApp.StartAsync(o => o.Cookie.SecurePolicy = Microsoft.AspNetCore.Http.CookieSecurePolicy.None);
        using var client = app.Server.CreateClient();
        client.BaseAddress = new Uri("http://localhost");

        var cookie = await AntiforgerySetCookieAsync(client);

        Assert.StartsWith(".AspNetCore.Antiforgery.", cookie, StringComparison.Ordinal);
        Assert.DoesNotContain("secure", Attributes(cookie));
    }

    private static async Task<string> AntiforgerySetCookieAsync(HttpClient client, string path = "/test/antiforgery")
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.Contains("Antiforgery", StringComparison.OrdinalIgnoreCase));
    }

    private static string[] Attributes(string setCookie) =>
        [.. setCookie.Split(';').Skip(1).Select(a => a.Trim().ToLowerInvariant())];
}
