using System.Net;
using BlazorCookieAuth.Tests.TestHost;
using Microsoft.AspNetCore.Builder;

namespace BlazorCookieAuth.Tests.Endpoints;

/// <summary>
/// Every answer of the kit's endpoints, and every 401 or 403 the kit writes for the app's endpoints, says
/// <c>Cache-Control: no-store</c>: each depends on who is asking. So does an app endpoint marked <c>WithNoStore()</c>.
/// </summary>
public class NoStoreTests
{
    public static TheoryData<string, HttpStatusCode> Answers => new()
    {
        { "POST /auth/login, right password", HttpStatusCode.SeeOther },
        { "POST /auth/login, wrong password", HttpStatusCode.SeeOther },
        { "POST /auth/login, wrong password, JSON", HttpStatusCode.Unauthorized },
        { "POST /auth/login without antiforgery", HttpStatusCode.BadRequest },
        { "POST /auth/login over 16 KB", HttpStatusCode.BadRequest },
        { "POST /auth/logout", HttpStatusCode.SeeOther },
        { "GET /auth/session, anonymous", HttpStatusCode.Unauthorized },
        { "GET /auth/session, logged in", HttpStatusCode.OK },
        { "GET /auth/login", HttpStatusCode.MethodNotAllowed },
        { "HEAD /auth/logout", HttpStatusCode.MethodNotAllowed },
        { "POST /auth/reauthenticate, wrong password", HttpStatusCode.SeeOther },
        { "GET /auth/reauthenticate", HttpStatusCode.MethodNotAllowed },
        { "GET a protected API, anonymous", HttpStatusCode.Unauthorized },
        { "GET an admin API, signed in without the role", HttpStatusCode.Forbidden },
        { "GET the app's API with WithNoStore, signed in", HttpStatusCode.OK },
        { "GET the app's API with WithNoStore, anonymous", HttpStatusCode.Unauthorized },
    };

    [Theory]
    [MemberData(nameof(Answers))]
    public async Task Every_answer_of_the_endpoints_is_no_store(string request, HttpStatusCode status)
    {
        await using var app = await TestApp.StartAsync(configureApp: app =>
        {
            app.MapGet("/api/me", (ICurrentUser user) => new { user.AuthId }).RequireAuthorization().WithNoStore();
            app.MapGet("/api/admin", () => new { Secret = 1 }).RequireAuthorization(p => p.RequireRole("admin"));
        });
        using var browser = app.CreateBrowser();

        var response = request switch
        {
            "POST /auth/login, right password" => await browser.PostFormAsync("/auth/login", LoginEndpointTests.Form()),
            "POST /auth/login, wrong password" => await browser.PostFormAsync("/auth/login", LoginEndpointTests.Form(password: "wrong")),
            "POST /auth/login, wrong password, JSON" => await browser.PostJsonAsync("/auth/login", new { username = TestApp.Username, password = "wrong" }),
            "POST /auth/login without antiforgery" => await browser.PostFormAsync("/auth/login", LoginEndpointTests.Form(), withAntiforgery: false),
            "POST /auth/login over 16 KB" => await browser.PostFormAsync("/auth/login", LoginEndpointTests.Form(password: new string('p', 17 * 1024))),
            "POST /auth/logout" => await browser.PostFormAsync("/auth/logout", new Dictionary<string, string>()),
            "GET /auth/session, anonymous" => await browser.Client.GetAsync("/auth/session"),
            "GET /auth/session, logged in" => await LoggedInSessionCheckAsync(browser),
            "GET /auth/login" => await browser.Client.GetAsync("/auth/login"),
            "HEAD /auth/logout" => await browser.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/auth/logout")),
            "POST /auth/reauthenticate, wrong password" => await ReauthenticateWrongAsync(browser),
            "GET /auth/reauthenticate" => await browser.Client.GetAsync("/auth/reauthenticate"),
            "GET a protected API, anonymous" => await GetJsonAsync(browser, "/api/data"),
            "GET an admin API, signed in without the role" => await SignedInGetJsonAsync(browser, "/api/admin"),
            "GET the app's API with WithNoStore, signed in" => await SignedInGetJsonAsync(browser, "/api/me"),
            "GET the app's API with WithNoStore, anonymous" => await GetJsonAsync(browser, "/api/me"),
            _ => throw new ArgumentOutOfRangeException(nameof(request), request, null),
        };

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
    }

    private static async Task<HttpResponseMessage> ReauthenticateWrongAsync(TestBrowser browser)
    {
        await browser.LoginAsync("42");
        return await browser.PostFormAsync("/auth/reauthenticate", new Dictionary<string, string> { ["password"] = "wrong" });
    }

    private static async Task<HttpResponseMessage> GetJsonAsync(TestBrowser browser, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd("application/json");
        return await browser.Client.SendAsync(request);
    }

    private static async Task<HttpResponseMessage> SignedInGetJsonAsync(TestBrowser browser, string path)
    {
        await browser.LoginAsync("42");
        return await GetJsonAsync(browser, path);
    }

    private static async Task<HttpResponseMessage> LoggedInSessionCheckAsync(TestBrowser browser)
    {
        await browser.LoginAsync("42");
        return await browser.Client.GetAsync("/auth/session");
    }
}
