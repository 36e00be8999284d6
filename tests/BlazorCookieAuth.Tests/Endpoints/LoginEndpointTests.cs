using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json;
using BlazorCookieAuth.Tests.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace BlazorCookieAuth.Tests.Endpoints;

public class LoginEndpointTests
{
    [Fact]
    public async Task Correct_credentials_set_the_cookie_and_see_other_to_the_return_url()
    {
        await using var app = await TestApp.StartAsync();
        using var browser = app.CreateBrowser();

        var response = await browser.PostFormAsync("/auth/login", Form(returnUrl: "/protected?tab=2"));

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal("/protected?tab=2", response.Headers.Location?.OriginalString);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var setCookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("__Host-BlazorCookieAuth=", StringComparison.Ordinal));
        Assert.DoesNotContain("max-age", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(TestApp.AliceId, await browser.WhoAmIAsync());
    }

    [Fact]
    public async Task Remember_me_makes_a_persistent_cookie()
    {
        await using var app = await TestApp.StartAsync();
        using var browser = app.CreateBrowser();
        var form = Form();
        form["remember"] = "true";

        var response = await browser.PostFormAsync("/auth/login", form);

        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("__Host-BlazorCookieAuth=", StringComparison.Ordinal) && c.Contains("max-age=31536000", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_a_return_url_login_goes_home()
    {
        await using var app = await TestApp.StartAsync();
        using var browser = app.CreateBrowser();

        var response = await browser.PostFormAsync("/auth/login", Form());

        Assert.Equal("/", response.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData("wrong password")]
    [InlineData("")]
    public async Task Wrong_credentials_go_back_to_login_with_an_error_and_no_cookie(string password)
    {
        await using var app = await TestApp.StartAsync();
        using var browser = app.CreateBrowser();

        var response = await browser.PostFormAsync("/auth/login", Form(password: password, returnUrl: "/protected"));

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal("/login?error=1&returnUrl=%2Fprotected", response.Headers.Location?.OriginalString);
        Assert.False(response.Headers.Contains("Set-Cookie"));
        Assert.Equal("anonymous", await browser.WhoAmIAsync());
    }

    [Fact]
    public async Task An_unknown_user_gets_the_same_answer_as_a_wrong_password()
    {
        await using var app = await TestApp.StartAsync();
        using var browser = app.CreateBrowser();

        var unknown = await browser.PostFormAsync("/auth/login", new Dictionary<string, string> { ["username"] = "mallory", ["password"] = "x", ["returnUrl"] = "/a" });
        var wrong = await browser.PostFormAsync("/auth/login", new Dictionary<string, string> { ["username"] = TestApp.Username, ["password"] = "x", ["returnUrl"] = "/a" });

        Assert.Equal(wrong.StatusCode, unknown.StatusCode);
        Assert.Equal(wrong.Headers.Location, unknown.Headers.Location);
        Assert.Equal(await wrong.Content.ReadAsStringAsync(), await unknown.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_user_whose_auth_id_or_claims_hold_a_lone_surrogate_is_refused_like_wrong_credentials_and_logged()
    {
        var staged = new StagedCredentialValidator();
        await using var app = await TestApp.StartAsync(configureKit: kit => kit.Services.Replace(ServiceDescriptor.Singleton<ICredentialValidator>(staged)));
        staged.Stage("broken-id", new AuthUser("42\ud800"));
        staged.Stage("broken-claim", new AuthUser("43", [new Claim(ClaimTypes.Name, "Al\udc00ice")]));
        using var browser = app.CreateBrowser();

        foreach (var username in new[] { "broken-id", "broken-claim" })
        {
            var response = await browser.PostFormAsync("/auth/login", new Dictionary<string, string> { ["username"] = username, ["password"] = "any" });

            Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
            Assert.Equal("/login?error=1", response.Headers.Location?.OriginalString);
            Assert.Null(browser.AuthCookie);
        }

        Assert.Equal(2, app.Logs.Entries.Count(e => e.EventId.Name == "LoginNotCarried" && e.Level == LogLevel.Error));
    }

    [Fact]
    public async Task Login_without_an_antiforgery_token_is_refused()
    {
        await using var app = await TestApp.StartAsync();
        using var browser = app.CreateBrowser();

        var response = await browser.PostFormAsync("/auth/login", Form(), withAntiforgery: false);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie"));
        Assert.Equal("anonymous", await browser.WhoAmIAsync());
    }

    [Fact]
    public async Task Login_with_another_browsers_antiforgery_token_is_refused()
    {
        await using var app = await TestApp.StartAsync();
        using var attacker = app.CreateBrowser();
        using var victim = app.CreateBrowser();
        var form = Form();
        form["__RequestVerificationToken"] = await attacker.AntiforgeryTokenAsync();
        using var content = new FormUrlEncodedContent(form);

        var response = await victim.Client.PostAsync("/auth/login", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("anonymous", await victim.WhoAmIAsync());
    }

    [Fact]
    public async Task Json_login_gets_a_json_answer_and_the_cookie()
    {
        await using var app = await TestApp.StartAsync();
        using var browser = app.CreateBrowser();
        var response = await browser.PostJsonAsync("/auth/login", new { username = TestApp.Username, password = TestApp.Password, remember = true, returnUrl = "https://evil.example/" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(json.RootElement.GetProperty("authenticated").GetBoolean());
        Assert.Equal(TestApp.AliceId, json.RootElement.GetProperty("authId").GetString());
        Assert.Equal("/", json.RootElement.GetProperty("returnUrl").GetString());
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.Contains("max-age=31536000", StringComparison.Ordinal));
        Assert.Equal(TestApp.AliceId, await browser.WhoAmIAsync());
    }

    [Fact]
    public async Task Json_login_with_wrong_credentials_gets_401_json()
    {
        await using var app = await TestApp.StartAsync();
        using var browser = app.CreateBrowser();
        var response = await browser.PostJsonAsync("/auth/login", new { username = TestApp.Username, password = "nope" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("invalid_credentials", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task Malformed_json_is_a_bad_request_not_a_server_error()
    {
        await using var app = await TestApp.StartAsync();
        using var browser = app.CreateBrowser();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/auth/login")
        {
            Content = new StringContent("{\"username\": ", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("RequestVerificationToken", await browser.AntiforgeryTokenAsync());

        var response = await browser.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Logout_through_the_endpoint_revokes_the_session_and_deletes_the_cookie()
    {
        await using var app = await TestApp.StartAsync();
        using var browser = app.CreateBrowser();
        await browser.PostFormAsync("/auth/login", Form());
        var copied = browser.AuthCookie!;

        var response = await browser.PostFormAsync("/auth/logout", new Dictionary<string, string> { ["returnUrl"] = "/bye" });

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal("/bye", response.Headers.Location?.OriginalString);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("__Host-BlazorCookieAuth=;", StringComparison.Ordinal));
        Assert.Equal("anonymous", await browser.WhoAmIAsync());
        Assert.Equal("anonymous", await Tokens.TamperedTokenTests.SendWithCookieAsync(app, copied, expectDeletion: true));
    }

    [Fact]
    public async Task Logout_without_an_antiforgery_token_is_refused_and_the_user_stays_signed_in()
    {
        await using var app = await TestApp.StartAsync();
        using var browser = app.CreateBrowser();
        await browser.PostFormAsync("/auth/login", Form());

        var response = await browser.PostFormAsync("/auth/logout", new Dictionary<string, string>(), withAntiforgery: false);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(TestApp.AliceId, await browser.WhoAmIAsync());
    }

    internal static Dictionary<string, string> Form(string password = TestApp.Password, string? returnUrl = null)
    {
        var form = new Dictionary<string, string> { ["username"] = TestApp.Username, ["password"] = password };
        if (returnUrl is not null)
        {
            form["returnUrl"] = returnUrl;
        }

        return form;
    }
}
