using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BlazorCookieAuth.Tests.TestHost;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorCookieAuth.Tests.Endpoints;

/// <summary>
/// Every error the kit answers carries a body that fits the client, so an app's status-code pages (here, as in the
/// Blazor template, <c>UseStatusCodePagesWithReExecute</c>) don't replace it with their "Not Found" page.
/// </summary>
public class ErrorResponseTests
{
    private const string NotFoundPage = "the app's Not Found page";

    public static TheoryData<string, HttpStatusCode, string, string> Errors => new()
    {
        { "GET /auth/login", HttpStatusCode.MethodNotAllowed, "method_not_allowed", "/auth/login only answers POST" },
        { "POST /auth/login without antiforgery", HttpStatusCode.BadRequest, "antiforgery", "This form has expired or did not come from this site." },
        { "GET /protected anonymously as an API", HttpStatusCode.Unauthorized, "login_required", "This needs a login." },
        { "GET /admin without the role", HttpStatusCode.Forbidden, "forbidden", "You are logged in, but may not see this." },
        { "POST /auth/login past the limit", HttpStatusCode.TooManyRequests, "rate_limited", "Too many login attempts." },
    };

    [Theory]
    [MemberData(nameof(Errors))]
    public async Task A_json_client_gets_problem_details_that_status_code_pages_leave_alone(string request, HttpStatusCode status, string error, string detail)
    {
        await using var app = await StartAsync();
        using var browser = app.CreateBrowser();
        browser.Client.DefaultRequestHeaders.Accept.ParseAdd("application/json");

        var response = await SendAsync(browser, request);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal((int)status, body.RootElement.GetProperty("status").GetInt32());
        Assert.Equal(error, body.RootElement.GetProperty("error").GetString());
        Assert.Contains(detail, body.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(body.RootElement.GetProperty("title").GetString()));
    }

    [Theory]
    [MemberData(nameof(Errors))]
    public async Task A_browser_gets_a_sentence_that_status_code_pages_leave_alone(string request, HttpStatusCode status, string error, string detail)
    {
        await using var app = await StartAsync();
        using var browser = app.CreateBrowser();
        browser.Client.DefaultRequestHeaders.Accept.ParseAdd("text/html");
        if (status == HttpStatusCode.Unauthorized)
        {
            // A browser's page request is redirected to the login page; a script's fetch gets the 401.
            browser.Client.DefaultRequestHeaders.Add("X-Requested-With", "XMLHttpRequest");
        }

        var response = await SendAsync(browser, request);

        Assert.Equal(status, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain(NotFoundPage, body, StringComparison.Ordinal);
        Assert.DoesNotContain(error, body, StringComparison.Ordinal);
        Assert.Contains(detail, body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_login_error_codes_stay_where_json_clients_read_them()
    {
        await using var app = await StartAsync();
        using var browser = app.CreateBrowser();
        var response = await browser.PostJsonAsync("/auth/login", new { username = TestApp.Username, password = "wrong" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("invalid_credentials", body.RootElement.GetProperty("error").GetString());
        Assert.Equal("The username or password is wrong.", body.RootElement.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task An_apps_own_problem_details_customization_applies_to_the_kits_errors()
    {
        await using var app = await TestApp.StartAsync(configureBuilder: b => b.Services.AddProblemDetails(o =>
            o.CustomizeProblemDetails = c => c.ProblemDetails.Extensions["support"] = "help@example.com"));
        using var browser = app.CreateBrowser();

        var response = await browser.PostJsonAsync("/auth/login", new { username = TestApp.Username, password = "wrong" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("invalid_credentials", body.RootElement.GetProperty("error").GetString());
        Assert.Equal("help@example.com", body.RootElement.GetProperty("support").GetString());
    }

    private static Task<TestApp> StartAsync() =>
        TestApp.StartAsync(
            configureEarly: app => app.UseStatusCodePagesWithReExecute("/not-found"),
            configureApp: app => app.MapGet("/not-found", () => NotFoundPage));

    private static async Task<HttpResponseMessage> SendAsync(TestBrowser browser, string request)
    {
        switch (request)
        {
            case "GET /auth/login":
                return await browser.Client.GetAsync("/auth/login");
            case "POST /auth/login without antiforgery":
                return await browser.PostFormAsync("/auth/login", LoginEndpointTests.Form(), withAntiforgery: false);
            case "GET /protected anonymously as an API":
                return await browser.Client.GetAsync("/protected");
            case "GET /admin without the role":
                await browser.LoginAsync("42");
                return await browser.Client.GetAsync("/admin");
            case "POST /auth/login past the limit":
                for (var attempt = 0; attempt < BlazorCookieAuthDefaults.LoginRequestLimit; attempt++)
                {
                    await browser.PostFormAsync("/auth/login", LoginEndpointTests.Form());
                }

                return await browser.PostFormAsync("/auth/login", LoginEndpointTests.Form(password: "wrong"));
            default:
                throw new ArgumentOutOfRangeException(nameof(request), request, null);
        }
    }
}
