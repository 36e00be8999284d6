using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using BlazorCookieAuth.Components;
using BlazorCookieAuth.Testing;
using Bunit;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Mvc.Testing;
using Xunit;

namespace BlazorCookieAuth.DocSamples.Recipes;

#region bunit
public sealed class SignInStatusTests : BunitContext
{
    private readonly BunitBlazorCookieAuthContext _auth;

    public SignInStatusTests() => _auth = this.AddBlazorCookieAuth(o => o.LoginPath = "/login");

    [Fact]
    public void Shows_the_signed_in_users_name()
    {
        _auth.SetUser("42", name: "Alice", roles: "admin");

        var cut = Render<CurrentUser>();

        cut.MarkupMatches("Alice");
    }

    [Fact]
    public void A_logout_reaches_a_rendered_component_at_once()
    {
        _auth.SetUser("42", name: "Alice");
        var cut = Render<CurrentUser>(p => p.Add(c => c.Anonymous, "<a href=login>Log in</a>"));

        _auth.SetAnonymous();

        cut.WaitForAssertion(() => cut.MarkupMatches("<a href=login>Log in</a>"));
    }

    [Fact]
    public void An_anonymous_user_is_sent_to_the_login_page_with_the_return_url()
    {
        var navigation = Services.GetRequiredService<BunitNavigationManager>();
        navigation.NavigateTo("orders/42");

        Render<RequireLogin>(p => p.AddChildContent("<p>Your orders</p>"));

        Assert.Equal("http://localhost/login?returnUrl=%2Forders%2F42", navigation.Uri);
    }

    [Fact]
    public void Roles_are_checked_for_real()
    {
        _auth.SetUser("42", name: "Alice", roles: "editor");

        var cut = Render<AuthorizeView>(p => p
            .Add(c => c.Roles, "admin")
            .Add(c => c.Authorized, _ => "<p>Admin</p>")
            .Add(c => c.NotAuthorized, _ => "<p>Not an admin</p>"));

        cut.MarkupMatches("<p>Not an admin</p>");
    }
}
#endregion

#region bunit-user-loader
public sealed class ProfileCardTests : BunitContext
{
    [Fact]
    public void Shows_the_users_own_record()
    {
        var auth = this.AddBlazorCookieAuth();
        auth.Builder.AddUserLoader<AppUser, OneUserLoader>();
        auth.SetUser("7");

        var cut = Render<CurrentAppUser<AppUser>>(p => p.Add(c => c.Authenticated, user => $"<b>{user.DisplayName}</b>"));

        cut.MarkupMatches("<b>Grace</b>");
    }

    private sealed class OneUserLoader : IAuthUserLoader<AppUser>
    {
        public Task<AppUser?> LoadUserAsync(string authId, CancellationToken cancellationToken) =>
            Task.FromResult<AppUser?>(authId == "7" ? new AppUser { Id = 7, UserName = "grace", NormalizedUserName = "GRACE", DisplayName = "Grace" } : null);
    }
}
#endregion

public sealed class AccountPageTests(WebApplicationFactory<Program> factory) : IClassFixture<WebApplicationFactory<Program>>
{
    #region authenticated-client
    [Fact]
    public async Task A_signed_in_user_sees_the_account_page()
    {
        using var client = await factory.CreateAuthenticatedClientAsync("2");

        var response = await client.GetAsync("/account");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
    #endregion

    #region anonymous-client
    [Fact]
    public async Task An_anonymous_visitor_is_sent_to_the_login_page()
    {
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions
        {
            BaseAddress = new Uri("https://localhost"), // Secure cookies travel over HTTPS only
            AllowAutoRedirect = false,
        });

        var response = await client.GetAsync("/account");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/login?returnUrl=%2Faccount", response.Headers.Location?.OriginalString);
    }
    #endregion

    #region bearer-token
    [Fact]
    public async Task An_api_client_with_a_bearer_token_gets_its_data()
    {
        var token = await factory.CreateAuthTokenAsync("2", [new Claim(ClaimTypes.Role, "admin")]);
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost") });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var response = await client.GetAsync("/api/me");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
    #endregion

    #region token-as-cookie
    [Fact]
    public async Task A_token_works_as_the_cookies_value()
    {
        var token = await factory.CreateAuthTokenAsync("2");
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost") });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/account");
        request.Headers.Add("Cookie", "__Host-BlazorCookieAuth=" + token);

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
    #endregion
}
