using System.Net;
using BlazorCookieAuth.Demo.Tests.TestHost;
using BlazorCookieAuth.Tests.Shared;

namespace BlazorCookieAuth.Demo.Tests.Components.Pages;

public sealed class LoginPageTests(DemoAppFactory factory) : IClassFixture<DemoAppFactory>
{
    [Fact]
    public async Task Login_page_renders_a_form_that_posts_to_the_login_endpoint_with_an_antiforgery_token()
    {
        using var client = factory.CreateBrowserLikeClient();

        using var response = await client.GetAsync(new Uri("/login", UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("""<form class="login-form" method="post" action="auth/login">""", html, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(DemoForms.AntiforgeryToken(html)));
        Assert.Contains("<input name=\"username\" autocomplete=\"username webauthn\" required", html, StringComparison.Ordinal);
        Assert.Contains("<input name=\"password\" type=\"password\"", html, StringComparison.Ordinal);
        Assert.Contains("<input name=\"remember\" type=\"checkbox\" value=\"true\"", html, StringComparison.Ordinal);
        var antiforgeryCookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("__Host-AspNetCore.Antiforgery.", StringComparison.Ordinal));
        Assert.Contains("; secure", antiforgeryCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("; path=/;", antiforgeryCookie + ";", StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Login_page_passes_the_return_url_from_the_query_string_to_the_form()
    {
        using var client = factory.CreateBrowserLikeClient();

        var html = await client.GetStringAsync(new Uri("/login?returnUrl=%2Faccount%3Ftab%3D2", UriKind.Relative));

        Assert.Contains("""<input type="hidden" name="returnUrl" value="/account?tab=2" />""", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Login_page_offers_a_passkey_sign_in_that_goes_to_the_return_url()
    {
        using var client = factory.CreateBrowserLikeClient();

        var html = await client.GetStringAsync(new Uri("/login?returnUrl=%2Faccount%2Fsessions", UriKind.Relative));

        var token = DemoForms.AntiforgeryToken(html);
        Assert.Contains(
            $"""<passkey-sign-in class="passkey-sign-in" data-endpoint="auth/passkeys" data-token="{token}" data-return-url="/account/sessions" data-remember="false"><button type="button" class="passkey-sign-in-button" disabled>Sign in with a passkey</button>""",
            html,
            StringComparison.Ordinal);
        Assert.Contains("\"./_content/BlazorCookieAuth.Passkeys/BlazorCookieAuth.Passkeys.lib.module.js\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Login_page_shows_no_error_before_a_failed_login()
    {
        using var client = factory.CreateBrowserLikeClient();

        var html = await client.GetStringAsync(new Uri("/login", UriKind.Relative));

        Assert.DoesNotContain("role=\"alert\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("The username or password is wrong.", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Login_page_shows_the_error_where_a_failed_login_sends_the_browser()
    {
        using var client = factory.CreateBrowserLikeClient();
        using var failed = await DemoForms.LogInAsync(client, "alice", "not-her-password", returnUrl: "/account");

        var html = await client.GetStringAsync(failed.Headers.Location);

        Assert.Contains("""<p class="error" role="alert">The username or password is wrong.</p>""", html, StringComparison.Ordinal);
        Assert.Contains("""<input type="hidden" name="returnUrl" value="/account" />""", html, StringComparison.Ordinal);
    }
}
