using System.Net;
using System.Net.Http.Headers;
using BlazorCookieAuth.Tests.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorCookieAuth.Tests.Authentication;

public class BearerModeTests
{
    [Theory]
    [InlineData("Bearer")]
    [InlineData("bearer")]
    [InlineData("BEARER")]
    public async Task Bearer_mode_authenticates_the_authorization_header_whatever_the_case_of_the_scheme_word(string scheme)
    {
        await using var app = await TestApp.StartAsync(o => o.Mode = AuthMode.Bearer);
        var token = await app.Services.GetRequiredService<IAuthTokenService>().CreateTokenAsync(new AuthUser("42"));
        using var browser = app.CreateBrowser();
        browser.Client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", $"{scheme} {token}");

        Assert.Equal("42", await browser.WhoAmIAsync());
        Assert.Equal(HttpStatusCode.OK, (await browser.Client.GetAsync("/protected")).StatusCode);
    }

    [Fact]
    public async Task Bearer_mode_ignores_cookies_and_answers_401_not_a_redirect()
    {
        await using var app = await TestApp.StartAsync(o => o.Mode = AuthMode.Bearer);
        var token = await app.Services.GetRequiredService<IAuthTokenService>().CreateTokenAsync(new AuthUser("42"));
        using var client = app.Server.CreateClient();
        client.BaseAddress = TestBrowser.BaseAddress;
        using var request = new HttpRequestMessage(HttpMethod.Get, "/protected");
        request.Headers.TryAddWithoutValidation("Cookie", "__Host-BlazorCookieAuth=" + token);

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task Bearer_mode_refuses_cookie_login_with_the_fix_in_the_message()
    {
        await using var app = await TestApp.StartAsync(o => o.Mode = AuthMode.Bearer);
        using var browser = app.CreateBrowser();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => browser.LoginAsync("42"));

        Assert.Contains("IAuthTokenService.CreateTokenAsync", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cookie_mode_ignores_bearer_headers()
    {
        await using var app = await TestApp.StartAsync();
        var token = await app.Services.GetRequiredService<IAuthTokenService>().CreateTokenAsync(new AuthUser("42"));
        using var browser = app.CreateBrowser();
        browser.Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        Assert.Equal("anonymous", await browser.WhoAmIAsync());
    }

    [Fact]
    public async Task Mixed_mode_uses_the_bearer_header_when_present_and_the_cookie_otherwise()
    {
        await using var app = await TestApp.StartAsync(o => o.Mode = AuthMode.CookieAndBearer);
        var bearer = await app.Services.GetRequiredService<IAuthTokenService>().CreateTokenAsync(new AuthUser("api-client"));
        using var browser = app.CreateBrowser();
        await browser.LoginAsync("cookie-user");

        Assert.Equal("cookie-user", await browser.WhoAmIAsync());

        using var request = new HttpRequestMessage(HttpMethod.Get, "/me");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        Assert.Equal("api-client", await (await browser.Client.SendAsync(request)).Content.ReadAsStringAsync());

        using var basic = new HttpRequestMessage(HttpMethod.Get, "/me");
        basic.Headers.Authorization = new AuthenticationHeaderValue("Basic", "dXNlcjpwYXNz");
        Assert.Equal("cookie-user", await (await browser.Client.SendAsync(basic)).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_bearer_token_whose_session_was_ended_is_refused()
    {
        await using var app = await TestApp.StartAsync(o => o.Mode = AuthMode.Bearer);
        var tokens = app.Services.GetRequiredService<IAuthTokenService>();
        var token = await tokens.CreateTokenAsync(new AuthUser("42"));
        var user = await tokens.ValidateTokenAsync(token);

        Assert.True(await app.Services.GetRequiredService<IAuthSessionManager>().EndSessionAsync("42", user.SessionId!));

        using var browser = app.CreateBrowser();
        browser.Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.Equal("anonymous", await browser.WhoAmIAsync());
    }

    [Fact]
    public async Task Logout_in_bearer_mode_ends_the_bearer_tokens_session()
    {
        await using var app = await TestApp.StartAsync(o => o.Mode = AuthMode.Bearer);
        var token = await app.Services.GetRequiredService<IAuthTokenService>().CreateTokenAsync(new AuthUser("42"));
        using var browser = app.CreateBrowser();
        browser.Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.Equal("42", await browser.WhoAmIAsync());

        var logout = await browser.Client.PostAsync("/test/logout", null);

        Assert.Equal(HttpStatusCode.OK, logout.StatusCode);
        Assert.False(logout.Headers.Contains("Set-Cookie"));
        Assert.Equal("anonymous", await browser.WhoAmIAsync());
    }

    [Fact]
    public async Task In_bearer_mode_the_login_endpoint_answers_with_a_token_and_sets_no_cookie()
    {
        await using var app = await TestApp.StartAsync(o => o.Mode = AuthMode.Bearer);
        using var browser = app.CreateBrowser();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/auth/login")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { username = TestApp.Username, password = TestApp.Password }),
        };
        request.Headers.Add("RequestVerificationToken", await browser.AntiforgeryTokenAsync());

        var response = await browser.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(response.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : [], c => c.StartsWith("__Host-BlazorCookieAuth", StringComparison.Ordinal));
        using var json = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var token = json.RootElement.GetProperty("token").GetString();
        browser.Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(TestApp.AliceId, await browser.WhoAmIAsync());
    }
}
