using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using BlazorCookieAuth.Tests.Endpoints;
using BlazorCookieAuth.Tests.TestHost;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace BlazorCookieAuth.Tests.BasicAuth;

/// <summary>
/// <c>RequireBasicAuth()</c>, Quart-Auth's <c>basic_auth_required</c>: Basic credentials checked by the app's
/// <see cref="ICredentialValidator"/>, over HTTPS only, under the login rate limits, for one request at a time.
/// </summary>
public class BasicAuthTests
{
    private const string ReportsChallenge = "Basic realm=\"Reports\", charset=\"UTF-8\"";

    [Fact]
    public async Task Without_credentials_the_answer_is_401_with_the_realm_and_UTF_8_in_WWW_Authenticate()
    {
        await using var app = await StartAsync();
        using var client = Client(app);

        var response = await client.GetAsync("/reports/me");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(ReportsChallenge, Assert.Single(response.Headers.GetValues("WWW-Authenticate")));
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.Equal("This needs a username and password (HTTP Basic authentication).", await response.Content.ReadAsStringAsync());

        // A bearer token (or any scheme but Basic) is no Basic credentials: the same challenge.
        using var bearer = new HttpRequestMessage(HttpMethod.Get, "/reports/me");
        bearer.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "abc");
        var withBearer = await client.SendAsync(bearer);
        Assert.Equal(HttpStatusCode.Unauthorized, withBearer.StatusCode);
        Assert.Equal(ReportsChallenge, Assert.Single(withBearer.Headers.GetValues("WWW-Authenticate")));
    }

    [Theory]
    [InlineData(TestApp.Username, "wrong password")]
    [InlineData("nobody", TestApp.Password)]
    [InlineData(TestApp.Username, "")]
    [InlineData("", TestApp.Password)]
    public async Task Wrong_credentials_get_401_with_the_same_challenge_whether_or_not_the_user_exists(string username, string password)
    {
        await using var app = await StartAsync();
        using var client = Client(app);

        var response = await GetAsync(client, "/reports/me", Basic(username, password));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(ReportsChallenge, Assert.Single(response.Headers.GetValues("WWW-Authenticate")));
        Assert.Equal("The username or password is wrong.", await response.Content.ReadAsStringAsync());
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task The_default_realm_is_the_apps_name()
    {
        await using var app = await TestApp.StartAsync(
            configureKit: k => k.AddBasicAuth(),
            applicationName: "Payroll",
            configureApp: a => a.MapGet("/payroll", () => "payroll").RequireBasicAuth());
        using var client = Client(app);

        var response = await client.GetAsync("/payroll");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Basic realm=\"Payroll\", charset=\"UTF-8\"", Assert.Single(response.Headers.GetValues("WWW-Authenticate")));
    }

    [Fact]
    public async Task An_app_name_that_cannot_go_in_a_header_gives_the_BlazorCookieAuth_realm()
    {
        await using var app = await TestApp.StartAsync(
            configureKit: k => k.AddBasicAuth(),
            applicationName: "Lohn \"Ä\"",
            configureApp: a => a.MapGet("/payroll", () => "payroll").RequireBasicAuth());
        using var client = Client(app);

        var response = await client.GetAsync("/payroll");

        Assert.Equal("Basic realm=\"BlazorCookieAuth\", charset=\"UTF-8\"", Assert.Single(response.Headers.GetValues("WWW-Authenticate")));
    }

    [Fact]
    public async Task Right_credentials_run_the_endpoint_as_that_user_without_a_cookie_or_a_session()
    {
        await using var app = await StartAsync();
        using var client = Client(app);

        var response = await GetAsync(client, "/reports/me", Basic(TestApp.Username, TestApp.Password));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("current user: alice-id (Alice); HttpContext.User: alice-id, BlazorCookieAuth.Basic", await response.Content.ReadAsStringAsync());
        Assert.False(response.Headers.Contains("Set-Cookie"));
        Assert.False(response.Headers.Contains("WWW-Authenticate"));
        Assert.Empty(await app.Services.GetRequiredService<IAuthSessionStore>().ListAsync(TestApp.AliceId));

        // Stateless: the next request without credentials is challenged again.
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/reports/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(client, "/reports/me", Basic(TestApp.OtherUsername, TestApp.Password))).StatusCode);
    }

    [Fact]
    public async Task A_logged_in_cookie_does_not_pass_for_basic_credentials()
    {
        await using var app = await StartAsync();
        using var browser = app.CreateBrowser();
        await browser.LoginAsync(TestApp.AliceId);
        Assert.Equal(TestApp.AliceId, await browser.WhoAmIAsync());

        var response = await browser.Client.GetAsync("/reports/me");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(ReportsChallenge, Assert.Single(response.Headers.GetValues("WWW-Authenticate")));
    }

    public static TheoryData<string, string> MalformedHeaders => new()
    {
        { "not base64", "Basic !!!not-base64!!!" },
        { "no colon", "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("alice")) },
        { "nothing after Basic", "Basic" },
        { "only spaces after Basic", "Basic    " },
        { "not UTF-8", "Basic " + Convert.ToBase64String([0x61, 0x3a, 0xff, 0xfe]) },
        { "a truncated UTF-8 sequence", "Basic " + Convert.ToBase64String([0x61, 0x3a, 0xe2, 0x82]) },
        { "longer than 4,096 characters", "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("alice:" + new string('x', 3100))) },
        { "two credentials in one header", "Basic " + BasicText(TestApp.Username, TestApp.Password) + ", Basic " + BasicText(TestApp.Username, TestApp.Password) },
    };

    [Theory]
    [MemberData(nameof(MalformedHeaders))]
    public async Task Malformed_headers_get_401_with_the_challenge_never_a_server_error(string what, string header)
    {
        await using var app = await StartAsync();
        using var client = Client(app);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/reports/me");
        Assert.True(request.Headers.TryAddWithoutValidation("Authorization", header), what);

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(ReportsChallenge, Assert.Single(response.Headers.GetValues("WWW-Authenticate")));
        Assert.Equal(
            "The Authorization header's Basic credentials can't be read: send base64 of the UTF-8 text username:password.",
            await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_scheme_name_is_read_in_any_case_and_a_password_may_hold_colons()
    {
        await using var app = await TestApp.StartAsync(
            configureKit: k => k.AddCredentialValidator<UnicodeCredentialValidator>().AddBasicAuth(),
            configureApp: a => a.MapGet("/reports/me", (ICurrentUser user) => user.AuthId).RequireBasicAuth("Reports"));
        using var client = Client(app);

        var response = await GetAsync(client, "/reports/me", new AuthenticationHeaderValue("bAsIc", BasicText("eve", "a:b:c")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("eve-id", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_non_ASCII_username_and_password_arrive_as_UTF_8()
    {
        await using var app = await TestApp.StartAsync(
            configureKit: k => k.AddCredentialValidator<UnicodeCredentialValidator>().AddBasicAuth(),
            configureApp: a => a.MapGet("/reports/me", (ICurrentUser user) => user.AuthId).RequireBasicAuth("Reports"));
        using var client = Client(app);

        var right = await GetAsync(client, "/reports/me", Basic(UnicodeCredentialValidator.Username, UnicodeCredentialValidator.Password));
        var latin1 = await GetAsync(client, "/reports/me", new AuthenticationHeaderValue(
            "Basic",
            Convert.ToBase64String(Encoding.Latin1.GetBytes($"{UnicodeCredentialValidator.Username}:pässwörd"))));

        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Equal("zoë-id", await right.Content.ReadAsStringAsync());

        // The same text in Latin-1 is not UTF-8, so it is not read as another encoding's password.
        Assert.Equal(HttpStatusCode.Unauthorized, latin1.StatusCode);
    }

    [Theory]
    [InlineData("Testing", "http://localhost")]
    [InlineData("Testing", "http://127.0.0.1")]
    [InlineData("Production", "http://reports.example.com")]
    [InlineData("Development", "http://reports.example.com")]
    [InlineData("Development", "http://192.0.2.10")]
    public async Task Plain_http_is_refused_with_403_and_no_challenge_even_with_the_right_password(string environment, string baseAddress)
    {
        await using var app = await StartAsync(environment: environment);
        using var client = Client(app, baseAddress);

        var withoutCredentials = await client.GetAsync("/reports/me");
        var withCredentials = await GetAsync(client, "/reports/me", Basic(TestApp.Username, TestApp.Password));

        foreach (var response in new[] { withoutCredentials, withCredentials })
        {
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.False(response.Headers.Contains("WWW-Authenticate"));
            Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
            Assert.Equal(
                "This needs a username and password, which are accepted only over HTTPS: over plain HTTP anyone on the network could read them. Use the https:// address.",
                await response.Content.ReadAsStringAsync());
        }

        Assert.Equal(2, app.Logs.Entries.Count(e => e.EventId.Name == "BasicAuthOverPlainHttp"));
    }

    [Theory]
    [InlineData("http://localhost")]
    [InlineData("http://127.0.0.1:5000")]
    [InlineData("http://[::1]:5000")]
    public async Task Plain_http_to_localhost_in_Development_is_accepted(string baseAddress)
    {
        await using var app = await StartAsync(environment: "Development");
        using var client = Client(app, baseAddress);

        var challenge = await client.GetAsync("/reports/me");
        var response = await GetAsync(client, "/reports/me", Basic(TestApp.Username, TestApp.Password));

        Assert.Equal(HttpStatusCode.Unauthorized, challenge.StatusCode);
        Assert.Equal(ReportsChallenge, Assert.Single(challenge.Headers.GetValues("WWW-Authenticate")));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task AllowPlainHttp_accepts_credentials_over_plain_http()
    {
        await using var app = await TestApp.StartAsync(
            configureKit: k => k.AddBasicAuth(),
            environment: "Production",
            configureApp: a => a.MapGet("/metrics", (ICurrentUser user) => user.AuthId).RequireBasicAuth(o =>
            {
                o.Realm = "Metrics";
                o.AllowPlainHttp = true;
            }));
        using var client = Client(app, "http://metrics.internal");

        var challenge = await client.GetAsync("/metrics");
        var response = await GetAsync(client, "/metrics", Basic(TestApp.Username, TestApp.Password));

        Assert.Equal(HttpStatusCode.Unauthorized, challenge.StatusCode);
        Assert.Equal("Basic realm=\"Metrics\", charset=\"UTF-8\"", Assert.Single(challenge.Headers.GetValues("WWW-Authenticate")));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(TestApp.AliceId, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Past_LoginFailureLimit_failures_even_the_right_password_gets_429_with_Retry_After()
    {
        await using var app = await StartAsync(o => o.LoginFailureLimit = 3);
        using var client = Client(app);

        for (var attempt = 1; attempt <= 3; attempt++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync(client, "/reports/me", Basic(TestApp.Username, "guess " + attempt))).StatusCode);
        }

        var limited = await GetAsync(client, "/reports/me", Basic(TestApp.Username, TestApp.Password));

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        LoginRateLimitTests.AssertRetryAfterWithin(limited, TimeSpan.FromMinutes(5));
        Assert.Equal("no-store", limited.Headers.CacheControl?.ToString());
        Assert.False(limited.Headers.Contains("WWW-Authenticate"));
        Assert.Equal("Too many login attempts. Try again after the number of seconds in Retry-After.", await limited.Content.ReadAsStringAsync());
        Assert.Single(app.Logs.Entries, e => e.EventId.Name == "LoginFailureLimitReached");

        // Another user from the same client is not locked out.
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(client, "/reports/me", Basic(TestApp.OtherUsername, TestApp.Password))).StatusCode);
    }

    [Fact]
    public async Task Basic_failures_and_login_form_failures_count_against_one_limit()
    {
        await using var app = await StartAsync(o => o.LoginFailureLimit = 3);
        using var browser = app.CreateBrowser();

        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync(browser.Client, "/reports/me", Basic(TestApp.Username, "guess 1"))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync(browser.Client, "/reports/me", Basic("ALICE", "guess 2"))).StatusCode);
        Assert.Equal(HttpStatusCode.SeeOther, (await browser.PostFormAsync("/auth/login", LoginEndpointTests.Form(password: "guess 3"))).StatusCode);

        Assert.Equal(HttpStatusCode.TooManyRequests, (await browser.PostFormAsync("/auth/login", LoginEndpointTests.Form())).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await GetAsync(browser.Client, "/reports/me", Basic(TestApp.Username, TestApp.Password))).StatusCode);
    }

    [Fact]
    public async Task Requests_with_credentials_count_against_the_login_request_limit_and_requests_without_do_not()
    {
        await using var app = await StartAsync();
        using var client = Client(app);

        for (var request = 0; request < BlazorCookieAuthDefaults.LoginRequestLimit; request++)
        {
            Assert.Equal(HttpStatusCode.OK, (await GetAsync(client, "/reports/me", Basic(TestApp.Username, TestApp.Password))).StatusCode);
        }

        var limited = await GetAsync(client, "/reports/me", Basic(TestApp.Username, TestApp.Password));
        var unreadable = await GetAsync(client, "/reports/me", new AuthenticationHeaderValue("Basic", "!!!"));
        var withoutCredentials = await client.GetAsync("/reports/me");

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        LoginRateLimitTests.AssertRetryAfterWithin(limited, TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.TooManyRequests, unreadable.StatusCode);

        // Asking without credentials checks no password, so it is answered with the challenge as always.
        Assert.Equal(HttpStatusCode.Unauthorized, withoutCredentials.StatusCode);
        Assert.Equal(ReportsChallenge, Assert.Single(withoutCredentials.Headers.GetValues("WWW-Authenticate")));
    }

    [Fact]
    public async Task A_MapGroup_protects_every_endpoint_in_it_and_an_endpoint_may_name_its_own_realm()
    {
        await using var app = await TestApp.StartAsync(configureKit: k => k.AddBasicAuth(), configureApp: a =>
        {
            var group = a.MapGroup("/admin-api").RequireBasicAuth("Admin");
            group.MapGet("/users", (ICurrentUser user) => "users for " + user.AuthId);
            group.MapPost("/reindex", (ICurrentUser user) => "reindexed by " + user.AuthId);
            group.MapGet("/audit", (ICurrentUser user) => "audit for " + user.AuthId).RequireBasicAuth("Audit");
        });
        using var client = Client(app);

        foreach (var (method, path) in new[] { (HttpMethod.Get, "/admin-api/users"), (HttpMethod.Post, "/admin-api/reindex") })
        {
            using var anonymous = new HttpRequestMessage(method, path);
            var challenge = await client.SendAsync(anonymous);
            Assert.Equal(HttpStatusCode.Unauthorized, challenge.StatusCode);
            Assert.Equal("Basic realm=\"Admin\", charset=\"UTF-8\"", Assert.Single(challenge.Headers.GetValues("WWW-Authenticate")));
        }

        var audit = await client.GetAsync("/admin-api/audit");
        Assert.Equal("Basic realm=\"Audit\", charset=\"UTF-8\"", Assert.Single(audit.Headers.GetValues("WWW-Authenticate")));

        using var reindex = new HttpRequestMessage(HttpMethod.Post, "/admin-api/reindex");
        reindex.Headers.Authorization = Basic(TestApp.OtherUsername, TestApp.Password);
        var reindexed = await client.SendAsync(reindex);
        Assert.Equal(HttpStatusCode.OK, reindexed.StatusCode);
        Assert.Equal("reindexed by bob-id", await reindexed.Content.ReadAsStringAsync());
        Assert.Equal("users for alice-id", await (await GetAsync(client, "/admin-api/users", Basic(TestApp.Username, TestApp.Password))).Content.ReadAsStringAsync());

        // The group's other endpoints, and the app's, are untouched.
        Assert.Equal("anonymous", await client.GetStringAsync("/me"));
    }

    [Fact]
    public async Task RequireAuthorization_beside_it_narrows_the_users_and_others_get_403()
    {
        await using var app = await TestApp.StartAsync(configureKit: k => k.AddBasicAuth(), configureApp: a =>
            a.MapGet("/bobs-report", () => "Bob's report")
                .RequireBasicAuth("Reports")
                .RequireAuthorization(p => p.RequireClaim(ClaimTypes.Name, "Bob")));
        using var client = Client(app);

        var alice = await GetAsync(client, "/bobs-report", Basic(TestApp.Username, TestApp.Password));
        var bob = await GetAsync(client, "/bobs-report", Basic(TestApp.OtherUsername, TestApp.Password));
        var anonymous = await client.GetAsync("/bobs-report");

        Assert.Equal(HttpStatusCode.Forbidden, alice.StatusCode);
        Assert.False(alice.Headers.Contains("WWW-Authenticate"));
        Assert.Equal("The username and password are right, but that user may not see this.", await alice.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, bob.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(ReportsChallenge, Assert.Single(anonymous.Headers.GetValues("WWW-Authenticate")));
    }

    [Fact]
    public async Task Razor_component_pages_run_as_the_basic_user()
    {
        await using var app = await StartWithPageAsync();
        using var client = Client(app);

        var challenge = await client.GetAsync(WhoAmIPage.Path);
        var page = await GetAsync(client, WhoAmIPage.Path, Basic(TestApp.Username, TestApp.Password));

        Assert.Equal(HttpStatusCode.Unauthorized, challenge.StatusCode);
        Assert.Equal("Basic realm=\"Pages\", charset=\"UTF-8\"", Assert.Single(challenge.Headers.GetValues("WWW-Authenticate")));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("current user: alice-id; authentication state: alice-id", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(page.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task Json_clients_get_problem_details()
    {
        await using var app = await StartAsync(o => o.LoginFailureLimit = 1);
        using var client = Client(app);
        client.DefaultRequestHeaders.Accept.ParseAdd("application/json");
        using var plainHttp = Client(app, "http://reports.example.com");
        plainHttp.DefaultRequestHeaders.Accept.ParseAdd("application/json");

        await AssertProblemAsync(await client.GetAsync("/reports/me"), HttpStatusCode.Unauthorized, "login_required");
        await AssertProblemAsync(await GetAsync(client, "/reports/me", new AuthenticationHeaderValue("Basic", "!!!")), HttpStatusCode.Unauthorized, "invalid_credentials");
        await AssertProblemAsync(await GetAsync(client, "/reports/me", Basic(TestApp.Username, "wrong")), HttpStatusCode.Unauthorized, "invalid_credentials");
        await AssertProblemAsync(await GetAsync(client, "/reports/me", Basic(TestApp.Username, TestApp.Password)), HttpStatusCode.TooManyRequests, "rate_limited");
        await AssertProblemAsync(await plainHttp.GetAsync("/reports/me"), HttpStatusCode.Forbidden, "https_required");
    }

    [Fact]
    public async Task Neither_the_password_nor_the_header_is_logged()
    {
        await using var app = await StartAsync(o => o.LoginFailureLimit = 2);
        using var client = Client(app);
        const string WrongPassword = "hunter2-wrong-password";
        var headers = new[]
        {
            Basic(TestApp.Username, TestApp.Password),
            Basic(TestApp.Username, WrongPassword),
            Basic(TestApp.Username, WrongPassword),
            Basic(TestApp.Username, TestApp.Password),
            new AuthenticationHeaderValue("Basic", BasicText("no-colon-" + WrongPassword, string.Empty).TrimEnd('=') + "!"),
        };

        foreach (var header in headers)
        {
            await GetAsync(client, "/reports/me", header);
        }

        Assert.Contains(app.Logs.Entries, e => e.EventId.Name == "BasicAuthAccepted");
        Assert.Contains(app.Logs.Entries, e => e.EventId.Name == "LoginFailed");
        Assert.Contains(app.Logs.Entries, e => e.EventId.Name == "BasicAuthUnreadable");
        Assert.Contains(app.Logs.Entries, e => e.EventId.Name == "LoginRateLimited");
        var secrets = new[] { TestApp.Password, WrongPassword }.Concat(headers.Select(h => h.Parameter!)).ToArray();
        foreach (var entry in app.Logs.Entries)
        {
            var text = entry.Message + " " + string.Join(" ", entry.Properties.Select(p => p.Value)) + " " + entry.Exception;
            foreach (var secret in secrets)
            {
                Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task Without_a_credential_validator_the_app_fails_at_startup_naming_AddCredentialValidator()
    {
        // The authorization middleware builds the endpoints as the app starts, which runs the check.
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => TestApp.StartAsync(
            configureKit: k => k.AddBasicAuth(),
            configureBuilder: b => b.Services.RemoveAll<ICredentialValidator>(),
            mapEndpoints: false,
            configureApp: a => a.MapGet("/reports/me", () => "report").RequireBasicAuth()));

        Assert.Equal(
            "RequireBasicAuth checks credentials through an ICredentialValidator, and none is registered. " +
            "Add one with services.AddBlazorCookieAuth(...).AddCredentialValidator<MyValidator>().",
            error.Message);
    }

    [Fact]
    public async Task Without_a_credential_validator_a_component_page_fails_at_the_first_credentials_naming_AddCredentialValidator()
    {
        // Component endpoints are built without the app's services, so the check waits for a password to check.
        await using var app = await StartWithPageAsync(withoutValidator: true);
        using var client = Client(app);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync(WhoAmIPage.Path)).StatusCode);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => GetAsync(client, WhoAmIPage.Path, Basic(TestApp.Username, TestApp.Password)));

        Assert.Equal(
            $"GET {WhoAmIPage.Path} checks credentials through an ICredentialValidator, and none is registered. " +
            "Add one with services.AddBlazorCookieAuth(...).AddCredentialValidator<MyValidator>().",
            error.Message);
    }

    [Fact]
    public async Task Without_the_kit_the_app_fails_at_startup_naming_AddBlazorCookieAuth()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseTestServer();
        builder.Services.AddAuthorization();
        await using var app = builder.Build();
        app.UseAuthorization();
        app.MapGet("/reports/me", () => "report").RequireBasicAuth();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => app.StartAsync());

        Assert.Equal("RequireBasicAuth needs services.AddBlazorCookieAuth(...).AddCredentialValidator<MyValidator>() in Program.cs first.", error.Message);
    }

    [Theory]
    [InlineData("Say \"hi\"")]
    [InlineData("back\\slash")]
    [InlineData("line\r\nSet-Cookie: x=1")]
    [InlineData("tab\there")]
    [InlineData("Zürich")]
    [InlineData("")]
    [InlineData("   ")]
    public async Task A_realm_that_cannot_go_in_a_header_fails_when_RequireBasicAuth_is_called(string realm)
    {
        await using var app = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" }).Build();

        var byArgument = Assert.Throws<ArgumentException>(() => app.MapGet("/reports/me", () => "report").RequireBasicAuth(realm));
        var byOptions = Assert.Throws<ArgumentException>(() => app.MapGroup("/reports").RequireBasicAuth(o => o.Realm = realm));

        Assert.Equal("realm", byArgument.ParamName);
        Assert.Equal("configure", byOptions.ParamName);
        foreach (var error in new[] { byArgument, byOptions })
        {
            Assert.StartsWith($"The basic authentication realm '{realm}' can't be sent in a WWW-Authenticate header", error.Message, StringComparison.Ordinal);
        }
    }

    /// <summary>
    /// An app with <c>/reports/me</c>, and the Razor component services a Blazor app has: Development checks at startup
    /// that every registered service can be made, the kit's component services included.
    /// </summary>
    private static Task<TestApp> StartAsync(Action<BlazorCookieAuthOptions>? configure = null, string environment = "Testing") =>
        TestApp.StartAsync(configure, configureBuilder: b => b.Services.AddRazorComponents(), configureKit: k => k.AddBasicAuth(), environment: environment, configureApp: MapReports);

    /// <summary><c>/reports/me</c>: who <see cref="ICurrentUser"/> and <c>HttpContext.User</c> say the request is.</summary>
    private static void MapReports(WebApplication app) =>
        app.MapGet("/reports/me", (ICurrentUser user, HttpContext context) =>
            $"current user: {user.AuthId} ({user.User.FindClaimValue(ClaimTypes.Name)}); " +
            $"HttpContext.User: {context.User.FindFirstValue(ClaimTypes.NameIdentifier)}, {context.User.Identity?.AuthenticationType}")
            .RequireBasicAuth("Reports");

    private static Task<TestApp> StartWithPageAsync(bool withoutValidator = false) =>
        TestApp.StartAsync(
            configureKit: k => k.AddBasicAuth(),
            mapEndpoints: !withoutValidator,
            configureBuilder: b =>
            {
                b.Services.AddRazorComponents();
                if (withoutValidator)
                {
                    b.Services.RemoveAll<ICredentialValidator>();
                }
            },
            configureApp: a => a.MapRazorComponents<WhoAmIPage>().RequireBasicAuth("Pages"));

    private static HttpClient Client(TestApp app, string? baseAddress = null) =>
        new(app.Server.CreateHandler()) { BaseAddress = baseAddress is null ? TestBrowser.BaseAddress : new Uri(baseAddress) };

    private static async Task<HttpResponseMessage> GetAsync(HttpClient client, string path, AuthenticationHeaderValue authorization)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = authorization;
        return await client.SendAsync(request);
    }

    private static AuthenticationHeaderValue Basic(string username, string password) => new("Basic", BasicText(username, password));

    private static string BasicText(string username, string password) => Convert.ToBase64String(Encoding.UTF8.GetBytes($"{username}:{password}"));

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string error)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal((int)status, body.RootElement.GetProperty("status").GetInt32());
        Assert.Equal(error, body.RootElement.GetProperty("error").GetString());
        Assert.False(string.IsNullOrEmpty(body.RootElement.GetProperty("detail").GetString()));
    }

    /// <summary>Accepts zoë with a password in several scripts, and eve, whose password holds colons.</summary>
    private sealed class UnicodeCredentialValidator : ICredentialValidator
    {
        public const string Username = "zoë";
        public const string Password = "pässwörd ✓ 密码 🔑";

        public Task<AuthUser?> ValidateAsync(string username, string password, CancellationToken cancellationToken) =>
            Task.FromResult((username, password) switch
            {
                (Username, Password) => new AuthUser("zoë-id"),
                ("eve", "a:b:c") => new AuthUser("eve-id"),
                _ => (AuthUser?)null,
            });
    }
}
