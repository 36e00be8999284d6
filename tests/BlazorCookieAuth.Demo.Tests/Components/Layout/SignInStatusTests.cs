using System.Net;
using BlazorCookieAuth.Demo.Tests.TestHost;
using BlazorCookieAuth.Tests.Shared;

namespace BlazorCookieAuth.Demo.Tests.Components.Layout;

public sealed class SignInStatusTests(DemoAppFactory factory) : IClassFixture<DemoAppFactory>
{
    [Fact]
    public async Task Anonymous_visitors_see_a_login_link_and_no_logout_button()
    {
        using var client = factory.CreateBrowserLikeClient();

        var html = await client.GetStringAsync(new Uri("/", UriKind.Relative));

        Assert.Contains("""<a href="login">Log in</a>""", html, StringComparison.Ordinal);
        Assert.DoesNotContain("auth/logout", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signed_in_users_see_their_name_and_a_logout_form_with_an_antiforgery_token()
    {
        using var client = factory.CreateBrowserLikeClient();
        using var login = await DemoForms.LogInAsync(client, "bob", "canwefixit");
        Assert.Equal(HttpStatusCode.SeeOther, login.StatusCode);

        var html = await client.GetStringAsync(new Uri("/", UriKind.Relative));

        Assert.Contains("""Signed in as <strong class="current-user">Bob the Builder</strong>""", html, StringComparison.Ordinal);
        Assert.Contains("""<form method="post" action="auth/logout" data-blazorcookieauth-logout>""", html, StringComparison.Ordinal);
        Assert.Contains("""<input type="hidden" name="returnUrl" value="/" />""", html, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(DemoForms.AntiforgeryToken(html)));
    }

    [Fact]
    public async Task Logging_out_deletes_the_cookie_and_returns_to_the_page()
    {
        using var client = factory.CreateBrowserLikeClient();
        using var login = await DemoForms.LogInAsync(client, "bob", "canwefixit");
        Assert.NotNull(DemoForms.AuthSetCookie(login));

        using var logout = await DemoForms.LogOutAsync(client, "/account");

        Assert.Equal(HttpStatusCode.SeeOther, logout.StatusCode);
        Assert.Equal("/account", logout.Headers.Location?.OriginalString);
        var deletion = DemoForms.AuthSetCookie(logout);
        Assert.NotNull(deletion);
        Assert.StartsWith(DemoForms.AuthCookieName + "=;", deletion, StringComparison.Ordinal);
        Assert.Contains("expires=Thu, 01 Jan 1970 00:00:00 GMT", deletion, StringComparison.OrdinalIgnoreCase);

        using var afterwards = await client.GetAsync(new Uri("/account", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Found, afterwards.StatusCode);
        Assert.Equal("/login?returnUrl=%2Faccount", afterwards.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task A_copy_of_the_cookie_is_refused_after_logout()
    {
        using var client = factory.CreateBrowserLikeClient();
        using var login = await DemoForms.LogInAsync(client, "alice", "wonderland");
        var cookie = DemoForms.AuthSetCookie(login)!.Split(';')[0];
        using var logout = await DemoForms.LogOutAsync(client, "/");
        Assert.Equal(HttpStatusCode.SeeOther, logout.StatusCode);

        using var replay = factory.CreateClient(new() { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/account", UriKind.Relative));
        request.Headers.Add("Cookie", cookie);
        using var response = await replay.SendAsync(request);

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.StartsWith("/login", response.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }
}
