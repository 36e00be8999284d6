using BlazorCookieAuth.Tests.TestHost;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace BlazorCookieAuth.Tests.Authentication;

/// <summary>
/// Apps that use ASP.NET Core's own <c>HttpContext.SignInAsync</c> and <c>SignOutAsync</c> get what
/// <see cref="IAuthSession"/> gives: the scheme forwards both to the kit's logins.
/// </summary>
public class StandardSignInApiTests
{
    private const string Scheme = BlazorCookieAuthDefaults.AuthenticationScheme;

    [Fact]
    public async Task SignInAsync_with_IsPersistent_writes_a_remembered_cookie_and_its_fresh_cookie()
    {
        await using var app = await StartAsync();
        using var browser = app.CreateBrowser();

        var response = await browser.Client.PostAsync("/std/signin?authId=7", null);

        var setCookies = response.Headers.GetValues("Set-Cookie").ToList();
        Assert.Contains(setCookies, c => c.StartsWith("__Host-BlazorCookieAuth=", StringComparison.Ordinal) && c.Contains("max-age=", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(setCookies, c => c.StartsWith("__Host-BlazorCookieAuth-fresh=", StringComparison.Ordinal) && !c.Contains("max-age=", StringComparison.OrdinalIgnoreCase));
        Assert.True(response.Headers.CacheControl?.NoStore);
        Assert.Equal("7", await browser.WhoAmIAsync());
    }

    [Fact]
    public async Task SignOutAsync_ends_the_session_and_deletes_both_cookies_in_an_uncached_response()
    {
        await using var app = await StartAsync();
        using var browser = app.CreateBrowser();
        await browser.LoginAsync("42", remember: true);
        var copied = browser.AuthCookie;

        var response = await browser.Client.PostAsync("/std/signout", null);

        var setCookies = response.Headers.GetValues("Set-Cookie").ToList();
        Assert.Contains(setCookies, c => c.StartsWith("__Host-BlazorCookieAuth=;", StringComparison.Ordinal));
        Assert.Contains(setCookies, c => c.StartsWith("__Host-BlazorCookieAuth-fresh=;", StringComparison.Ordinal));
        Assert.True(response.Headers.CacheControl?.NoStore);
        Assert.Equal("anonymous", await browser.WhoAmIAsync());

        using var replay = new HttpRequestMessage(HttpMethod.Get, "/me");
        replay.Headers.Add("Cookie", "__Host-BlazorCookieAuth=" + copied);
        using var client = app.CreateBrowser();
        Assert.Equal("anonymous", await (await client.Client.SendAsync(replay)).Content.ReadAsStringAsync());
    }

    private static Task<TestApp> StartAsync() => TestApp.StartAsync(configureApp: app =>
    {
        app.MapPost("/std/signin", async (HttpContext context) =>
        {
            var user = new AuthUser(context.Request.Query["authId"].ToString());
            await context.SignInAsync(Scheme, user.ToClaimsPrincipal(Scheme), new AuthenticationProperties { IsPersistent = true });
            return "signed in";
        }).DisableAntiforgery();
        app.MapPost("/std/signout", async (HttpContext context) =>
        {
            await context.SignOutAsync(Scheme);
            return "signed out";
        }).DisableAntiforgery();
    });
}
