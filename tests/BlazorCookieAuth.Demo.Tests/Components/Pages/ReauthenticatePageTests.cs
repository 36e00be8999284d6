using System.Net;
using BlazorCookieAuth.Demo.Tests.TestHost;
using BlazorCookieAuth.Tests.Shared;

namespace BlazorCookieAuth.Demo.Tests.Components.Pages;

/// <summary>
/// /reauthenticate, the demo's ReauthenticationPath, and the kit's POST /auth/reauthenticate behind it. The tests
/// share one demo, so each uses a login of its own and no test makes failures that another could run into.
/// </summary>
public sealed class ReauthenticatePageTests(DemoAppFactory demo) : IClassFixture<DemoAppFactory>
{
    private const string Page = "/reauthenticate";

    [Fact]
    public async Task A_signed_in_user_sees_who_they_are_and_a_password_form_that_posts_to_the_kit()
    {
        using var client = await demo.CreateLoggedInClientAsync("alice", "wonderland");

        var html = await client.GetStringAsync(new Uri(Page + "?returnUrl=%2Faccount%2Fpassword", UriKind.Relative));

        Assert.Contains("You are signed in as Alice Liddell. Enter your password to continue.", html, StringComparison.Ordinal);
        Assert.Contains("""<form class="login-form" method="post" action="auth/reauthenticate">""", html, StringComparison.Ordinal);
        Assert.Contains("""<input type="hidden" name="returnUrl" value="/account/password" />""", html, StringComparison.Ordinal);
        Assert.Contains("""<input name="password" type="password" autocomplete="current-password" required""", html, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(DemoForms.AntiforgeryToken(html)));
    }

    [Theory]
    [InlineData("1", "The password is wrong.")]
    [InlineData("ratelimited", "Too many attempts. Please wait a few minutes, then try again.")]
    [InlineData("unavailable", "Checking your password is not possible right now. Please try again in a moment.")]
    public async Task Each_error_the_kit_sends_back_is_shown(string error, string message)
    {
        using var client = await demo.CreateLoggedInClientAsync("alice", "wonderland");

        var html = await client.GetStringAsync(new Uri($"{Page}?error={error}&returnUrl=%2Faccount", UriKind.Relative));

        Assert.Contains($"""<p class="error" role="alert">{message}</p>""", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Anonymous_visitors_see_a_link_to_log_in_and_no_form()
    {
        using var anonymous = demo.CreateBrowserLikeClient();

        var html = await anonymous.GetStringAsync(new Uri(Page, UriKind.Relative));

        Assert.Contains("""You are not signed in. <a href="login">Log in</a>""", html, StringComparison.Ordinal);
        Assert.DoesNotContain("auth/reauthenticate", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_password_comes_back_to_the_page_with_the_error_and_the_return_url()
    {
        using var client = await demo.CreateLoggedInClientAsync("bob", "canwefixit");

        using var wrong = await DemoForms.ReauthenticateAsync(client, "not-his-password", "/account/password");

        Assert.Equal(HttpStatusCode.SeeOther, wrong.StatusCode);
        Assert.Equal("/reauthenticate?error=1&returnUrl=%2Faccount%2Fpassword", wrong.Headers.Location?.OriginalString);
        Assert.Contains("The password is wrong.", await client.GetStringAsync(wrong.Headers.Location), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, await DemoForms.StatusOfAsync(client, "/auth/session"));
    }

    [Fact]
    public async Task The_right_password_sends_the_user_back_with_a_new_cookie_and_ends_the_old_one()
    {
        using var client = demo.CreateBrowserLikeClient();
        using var login = await DemoForms.LogInAsync(client, "alice", "wonderland");
        var oldCookie = DemoForms.AuthSetCookie(login)!.Split(';')[0];

        using var confirmed = await DemoForms.ReauthenticateAsync(client, "wonderland", "/account/sessions");

        Assert.Equal(HttpStatusCode.SeeOther, confirmed.StatusCode);
        Assert.Equal("/account/sessions", confirmed.Headers.Location?.OriginalString);
        Assert.NotEqual(oldCookie, DemoForms.AuthSetCookie(confirmed)?.Split(';')[0]);
        Assert.Equal(HttpStatusCode.OK, await DemoForms.StatusOfAsync(client, "/account/sessions"));
        using var copy = demo.CreateBrowserLikeClient(oldCookie);
        Assert.Equal(HttpStatusCode.Unauthorized, await DemoForms.StatusOfAsync(copy, "/auth/session"));
    }
}
