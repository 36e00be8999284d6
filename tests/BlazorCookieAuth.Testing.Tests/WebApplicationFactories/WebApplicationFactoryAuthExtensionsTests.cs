using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorCookieAuth.Testing.Tests.WebApplicationFactories;

public sealed class WebApplicationFactoryAuthExtensionsTests : IClassFixture<DemoFactory>
{
    /// <summary>The demo creates alice, then bob, in a new database: their ids, and auth ids, are 1 and 2.</summary>
    private const string AliceId = "1";
    private const string BobId = "2";

    private readonly DemoFactory _factory;

    public WebApplicationFactoryAuthExtensionsTests(DemoFactory factory) => _factory = factory;

    [Fact]
    public async Task An_authenticated_client_reaches_a_protected_page_as_its_auth_id()
    {
        using var client = await _factory.CreateAuthenticatedClientAsync(AliceId);

        var response = await client.GetAsync("/account");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("""<dd class="auth-id">1</dd>""", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_client_for_a_user_the_app_does_not_know_is_sent_to_the_login_page()
    {
        // The demo loads every signed-in user from its database, so a token alone is not enough.
        using var client = await _factory.CreateAuthenticatedClientAsync("999");

        var response = await client.GetAsync("/account");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/login?returnUrl=%2Faccount", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task A_plain_client_is_sent_to_the_login_page()
    {
        using var client = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost") });

        var response = await client.GetAsync("/account");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/login?returnUrl=%2Faccount", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task A_created_token_works_as_the_cookie_value()
    {
        var token = await _factory.CreateAuthTokenAsync(BobId);
        using var client = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost") });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/account");
        request.Headers.Add("Cookie", "__Host-BlazorCookieAuth=" + token);

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("""<dd class="auth-id">2</dd>""", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_bearer_mode_the_token_goes_in_the_authorization_header_and_a_cookie_client_is_refused()
    {
        using var bearerApp = _factory.WithWebHostBuilder(b => b.ConfigureTestServices(services =>
            services.PostConfigure<BlazorCookieAuthOptions>(BlazorCookieAuthDefaults.AuthenticationScheme, o => o.Mode = AuthMode.Bearer)));
        using var client = bearerApp.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost") });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await bearerApp.CreateAuthTokenAsync(AliceId));

        var response = await client.GetAsync("/account");
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => bearerApp.CreateAuthenticatedClientAsync(AliceId));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("""<dd class="auth-id">1</dd>""", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("Authorization: Bearer", error.Message, StringComparison.Ordinal);
    }
}
