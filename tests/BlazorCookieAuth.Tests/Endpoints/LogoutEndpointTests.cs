using System.Net;
using BlazorCookieAuth.Tests.Endpoints;
using BlazorCookieAuth.Tests.TestHost;
using BlazorCookieAuth.Tests.Tokens;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorCookieAuth.Tests.Endpoints;

public class LogoutEndpointTests
{
    [Fact]
    public async Task Logout_everywhere_through_the_endpoint_refuses_every_copy_of_the_users_cookies_and_spares_other_users()
    {
        await using var app = await TestApp.StartAsync();
        using var laptop = app.CreateBrowser();
        using var phone = app.CreateBrowser();
        using var tablet = app.CreateBrowser();
        using var bob = app.CreateBrowser();
        foreach (var browser in new[] { laptop, phone, tablet })
        {
            await browser.PostFormAsync("/auth/login", LoginEndpointTests.Form());
        }

        await bob.LoginAsync("bob");
        var aliceCookies = new[] { laptop.AuthCookie!, phone.AuthCookie!, tablet.AuthCookie! };

        var response = await phone.PostFormAsync("/auth/logout", new Dictionary<string, string> { ["everywhere"] = "true", ["returnUrl"] = "/bye" });

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal("/bye", response.Headers.Location?.OriginalString);
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("__Host-BlazorCookieAuth=;", StringComparison.Ordinal));
        foreach (var cookie in aliceCookies)
        {
            Assert.Equal("anonymous", await TamperedTokenTests.SendWithCookieAsync(app, cookie, expectDeletion: true));
        }

        Assert.Equal("anonymous", await laptop.WhoAmIAsync());
        Assert.Equal("bob", await TamperedTokenTests.SendWithCookieAsync(app, bob.AuthCookie!, expectDeletion: false));
        Assert.Empty(await Sessions(app).ListSessionsAsync(TestApp.AliceId));
        Assert.Contains(app.Logs.Entries, e => e.EventId.Name == "LoggedOutEverywhere");
    }

    [Fact]
    public async Task Logout_without_everywhere_ends_only_this_browsers_session()
    {
        await using var app = await TestApp.StartAsync();
        using var laptop = app.CreateBrowser();
        using var phone = app.CreateBrowser();
        await laptop.PostFormAsync("/auth/login", LoginEndpointTests.Form());
        await phone.PostFormAsync("/auth/login", LoginEndpointTests.Form());

        await phone.PostFormAsync("/auth/logout", new Dictionary<string, string> { ["everywhere"] = "false" });

        Assert.Equal("anonymous", await phone.WhoAmIAsync());
        Assert.Equal(TestApp.AliceId, await TamperedTokenTests.SendWithCookieAsync(app, laptop.AuthCookie!, expectDeletion: false));
    }

    [Fact]
    public async Task LogoutEverywhereAsync_from_app_code_refuses_every_copy_and_deletes_this_browsers_cookies()
    {
        await using var app = await TestApp.StartAsync();
        using var laptop = app.CreateBrowser();
        using var phone = app.CreateBrowser();
        using var other = app.CreateBrowser();
        await laptop.LoginAsync("42", remember: true);
        await phone.LoginAsync("42");
        await other.LoginAsync("7");
        var laptopCookie = laptop.AuthCookie!;
        var phoneCookie = phone.AuthCookie!;

        var response = await laptop.Client.PostAsync("/test/logout-everywhere", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var setCookies = response.Headers.GetValues("Set-Cookie").ToList();
        Assert.Contains(setCookies, c => c.StartsWith("__Host-BlazorCookieAuth=;", StringComparison.Ordinal));
        Assert.Contains(setCookies, c => c.StartsWith("__Host-BlazorCookieAuth-fresh=;", StringComparison.Ordinal));
        Assert.Empty(laptop.Cookies.GetCookies(TestBrowser.BaseAddress));
        Assert.Equal("anonymous", await TamperedTokenTests.SendWithCookieAsync(app, laptopCookie, expectDeletion: true));
        Assert.Equal("anonymous", await TamperedTokenTests.SendWithCookieAsync(app, phoneCookie, expectDeletion: true));
        Assert.Equal("7", await other.WhoAmIAsync());
    }

    [Fact]
    public async Task Logout_everywhere_when_anonymous_changes_nothing()
    {
        await using var app = await TestApp.StartAsync();
        using var anonymous = app.CreateBrowser();
        using var user = app.CreateBrowser();
        await user.LoginAsync("42");

        var response = await anonymous.Client.PostAsync("/test/logout-everywhere", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("42", await user.WhoAmIAsync());
    }

    private static IAuthSessionManager Sessions(TestApp app) => app.Services.GetRequiredService<IAuthSessionManager>();
}
