using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BlazorCookieAuth.Demo.Tests.TestHost;
using BlazorCookieAuth.Tests.Shared;

namespace BlazorCookieAuth.Demo.Tests.Components.Pages.Account;

/// <summary>/account/passkeys and the passkey endpoints the demo maps; the ceremonies themselves run in Chromium.</summary>
public sealed class PasskeysPageTests(DemoAppFactory factory) : IClassFixture<DemoAppFactory>
{
    private const string Page = "/account/passkeys";

    [Fact]
    public async Task The_account_page_links_to_the_passkeys_page()
    {
        using var client = await factory.CreateLoggedInClientAsync("alice", "wonderland");

        var html = await client.GetStringAsync(new Uri("/account", UriKind.Relative));

        Assert.Contains("""<a href="account/passkeys">Your passkeys</a>""", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_a_password_login_the_page_prerenders_the_manager_with_its_buttons_off_until_the_circuit_starts()
    {
        using var client = await factory.CreateLoggedInClientAsync("alice", "wonderland");

        using var response = await client.GetAsync(new Uri(Page, UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("""<p class="passkey-loading">Loading your passkeys…</p>""", html, StringComparison.Ordinal);
        Assert.Contains("""<button type="button" class="passkey-add-button" disabled>Add a passkey</button>""", html, StringComparison.Ordinal);
        Assert.Contains("<!--Blazor:", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_anonymous_visit_goes_to_the_login_page()
    {
        using var client = factory.CreateBrowserLikeClient();

        using var response = await client.GetAsync(new Uri(Page, UriKind.Relative));

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal("/login?returnUrl=%2Faccount%2Fpasskeys", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task A_remembered_login_restored_without_its_browser_session_cookie_confirms_the_password_first()
    {
        using var browser = factory.CreateBrowserLikeClient();
        using var login = await DemoForms.LogInAsync(browser, "alice", "wonderland", remember: true);
        using var restarted = factory.CreateBrowserLikeClient(DemoForms.AuthSetCookie(login)!.Split(';')[0]);

        using var stale = await restarted.GetAsync(new Uri(Page, UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, stale.StatusCode);
        Assert.Equal("/reauthenticate?returnUrl=%2Faccount%2Fpasskeys", stale.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task The_demo_maps_the_passkey_endpoints_and_lists_a_new_users_passkeys_as_none()
    {
        using var client = await factory.CreateLoggedInClientAsync("bob", "canwefixit");
        var token = DemoForms.AntiforgeryToken(await client.GetStringAsync(new Uri("/login", UriKind.Relative)));

        using var list = await client.GetAsync(new Uri("/auth/passkeys", UriKind.Relative));
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/auth/passkeys/signin/options", UriKind.Relative))
        {
            Content = JsonContent.Create(new { }),
        };
        request.Headers.Add("RequestVerificationToken", token);
        using var options = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Equal("[]", await list.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, options.StatusCode);
        using var json = JsonDocument.Parse(await options.Content.ReadAsStringAsync());
        Assert.Equal("required", json.RootElement.GetProperty("userVerification").GetString());
        Assert.Equal("localhost", json.RootElement.GetProperty("rpId").GetString());
    }
}
