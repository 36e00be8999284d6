using System.Net;
using System.Net.Http.Headers;
using BlazorCookieAuth.Tests.TestHost;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace BlazorCookieAuth.Tests.Authentication;

public class ChallengeTests
{
    [Fact]
    public async Task Anonymous_page_request_is_redirected_to_login_with_the_local_return_url()
    {
        await using var app = await TestApp.StartAsync();
        using var browser = app.CreateBrowser();
        browser.Client.DefaultRequestHeaders.Accept.ParseAdd("text/html,application/xhtml+xml,*/*;q=0.8");

        var response = await browser.Client.GetAsync("/protected?tab=2&x=a%20b");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/login?returnUrl=%2Fprotected%3Ftab%3D2%26x%3Da%2520b", response.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData("/login")]
    [InlineData("/login/")]
    [InlineData("/LOGIN?returnUrl=%2Flogin")]
    public async Task A_login_page_that_requires_a_login_answers_500_and_logs_the_fix_instead_of_redirecting_to_itself(string path)
    {
        // What an @attribute [Authorize] in _Imports.razor does to the login page.
        await using var app = await TestApp.StartAsync(configureApp: a => a.MapGet("/login", () => "the login form").RequireAuthorization());
        using var browser = app.CreateBrowser();
        browser.Client.DefaultRequestHeaders.Accept.ParseAdd("text/html");

        var response = await browser.Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        // The fix is for the developer, in the log; the user gets a short, generic body that tells nothing of the app.
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal("The login page can't be shown because of a server error.", body);
        Assert.DoesNotContain("[AllowAnonymous]", body, StringComparison.Ordinal);
        var error = Assert.Single(app.Logs.Entries, e => e.EventId.Name == "LoginPageRequiresLogin");
        Assert.Equal(LogLevel.Error, error.Level);
        Assert.StartsWith("The login page /login requires a login itself", error.Message, StringComparison.Ordinal);
        Assert.Contains("Put @attribute [AllowAnonymous] on the login page", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_page_whose_path_only_starts_like_the_login_page_is_redirected_as_usual()
    {
        await using var app = await TestApp.StartAsync(configureApp: a => a.MapGet("/login-history", () => "history").RequireAuthorization());
        using var browser = app.CreateBrowser();

        var response = await browser.Client.GetAsync("/login-history");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/login?returnUrl=%2Flogin-history", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Login_path_and_return_url_parameter_are_configurable()
    {
        await using var app = await TestApp.StartAsync(o =>
        {
            o.LoginPath = "/account/sign-in";
            o.ReturnUrlParameter = "next";
        });
        using var browser = app.CreateBrowser();

        var response = await browser.Client.GetAsync("/protected");

        Assert.Equal("/account/sign-in?next=%2Fprotected", response.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData("Accept", "application/json")]
    [InlineData("X-Requested-With", "XMLHttpRequest")]
    public async Task Anonymous_api_request_gets_401_without_a_redirect(string header, string value)
    {
        await using var app = await TestApp.StartAsync();
        using var browser = app.CreateBrowser();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/protected");
        request.Headers.TryAddWithoutValidation(header, value);

        var response = await browser.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    [Fact]
    public async Task Minimal_api_endpoint_returning_data_gets_401()
    {
        await using var app = await TestApp.StartAsync();
        using var browser = app.CreateBrowser();

        var response = await browser.Client.GetAsync("/api/data");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    [Fact]
    public async Task Request_with_a_bad_bearer_token_gets_401_with_a_bearer_challenge()
    {
        await using var app = await TestApp.StartAsync(o => o.Mode = AuthMode.CookieAndBearer);
        using var browser = app.CreateBrowser();
        browser.Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "not-a-token");

        var response = await browser.Client.GetAsync("/protected");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task Signed_in_user_without_permission_gets_403()
    {
        await using var app = await TestApp.StartAsync();
        using var browser = app.CreateBrowser();
        await browser.LoginAsync("42");

        var response = await browser.Client.GetAsync("/admin");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Forbidden_page_request_goes_to_the_access_denied_page_when_one_is_set()
    {
        await using var app = await TestApp.StartAsync(o => o.AccessDeniedPath = "/denied");
        using var browser = app.CreateBrowser();
        await browser.LoginAsync("42");

        var response = await browser.Client.GetAsync("/admin");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/denied?returnUrl=%2Fadmin", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Events_can_change_the_unauthorized_answer()
    {
        await using var app = await TestApp.StartAsync(o => o.Events.OnRedirectToLogin = context =>
        {
            context.Response.StatusCode = StatusCodes.Status418ImATeapot;
            context.Response.Headers["X-Login-At"] = context.RedirectUri;
            return Task.CompletedTask;
        });
        using var browser = app.CreateBrowser();

        var response = await browser.Client.GetAsync("/protected");

        Assert.Equal((HttpStatusCode)418, response.StatusCode);
        Assert.Equal("/login?returnUrl=%2Fprotected", Assert.Single(response.Headers.GetValues("X-Login-At")));
    }

    [Fact]
    public async Task Signed_in_user_reaches_the_protected_page()
    {
        await using var app = await TestApp.StartAsync();
        using var browser = app.CreateBrowser();
        await browser.LoginAsync("42");

        var response = await browser.Client.GetAsync("/protected");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("secret page", await response.Content.ReadAsStringAsync());
    }
}
