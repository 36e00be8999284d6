using System.Net;
using BlazorCookieAuth.Diagnostics;
using BlazorCookieAuth.Tests.Endpoints;
using BlazorCookieAuth.Tests.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorCookieAuth.Tests.Diagnostics;

public class LoginMetricsTests
{
    private const string Result = AuthTelemetry.LoginResultTag;

    [Fact]
    public async Task A_wrong_password_at_the_login_endpoint_counts_one_failed_login_and_nothing_else()
    {
        await using var app = await TestApp.StartAsync();
        using var metrics = new KitMetrics(app.Services);
        using var browser = app.CreateBrowser();

        var response = await browser.PostJsonAsync("/auth/login", new { username = TestApp.Username, password = "wrong" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var failed = Assert.Single(metrics.Measurements(AuthTelemetry.Logins));
        Assert.Equal(1, failed.Value);
        Assert.Equal("failed", failed.Tags[Result]);
        Assert.Empty(metrics.Measurements(AuthTelemetry.RateLimitedRequests));
        Assert.Empty(metrics.Measurements(AuthTelemetry.EndedSessions));
    }

    [Fact]
    public async Task A_login_at_the_endpoint_counts_once_though_it_logs_in_through_IAuthSession()
    {
        await using var app = await TestApp.StartAsync();
        using var metrics = new KitMetrics(app.Services);
        using var browser = app.CreateBrowser();

        var response = await browser.PostFormAsync("/auth/login", LoginEndpointTests.Form());

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        var succeeded = Assert.Single(metrics.Measurements(AuthTelemetry.Logins));
        Assert.Equal(1, succeeded.Value);
        Assert.Equal("succeeded", succeeded.Tags[Result]);
    }

    [Fact]
    public async Task IAuthSession_LoginAsync_called_by_the_app_counts_a_succeeded_login_and_a_renewal_counts_none()
    {
        await using var app = await TestApp.StartAsync();
        using var metrics = new KitMetrics(app.Services);
        using var browser = app.CreateBrowser();

        await browser.LoginAsync("42");
        Assert.Equal("renewed", await (await browser.Client.PostAsync("/test/renew", null)).Content.ReadAsStringAsync());

        Assert.Equal(1, metrics.Sum(AuthTelemetry.Logins, Result, "succeeded"));
        Assert.Single(metrics.Measurements(AuthTelemetry.Logins));
    }

    [Fact]
    public async Task A_bearer_login_at_the_endpoint_counts_one_succeeded_login()
    {
        await using var app = await TestApp.StartAsync(o => o.Mode = AuthMode.Bearer);
        using var metrics = new KitMetrics(app.Services);
        using var browser = app.CreateBrowser();

        var response = await browser.PostJsonAsync("/auth/login", new { username = TestApp.Username, password = TestApp.Password });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, metrics.Sum(AuthTelemetry.Logins, Result, "succeeded"));
        Assert.Single(metrics.Measurements(AuthTelemetry.Logins));
    }

    [Fact]
    public async Task Eleven_wrong_passwords_count_ten_failed_logins_and_one_request_refused_by_the_failures_per_username_limit()
    {
        await using var app = await TestApp.StartAsync();
        using var metrics = new KitMetrics(app.Services);
        using var browser = app.CreateBrowser();

        var statuses = new List<HttpStatusCode>();
        for (var attempt = 1; attempt <= 11; attempt++)
        {
            statuses.Add((await browser.PostFormAsync("/auth/login", LoginEndpointTests.Form(password: "guess " + attempt))).StatusCode);
        }

        Assert.Equal(10, statuses.Count(s => s == HttpStatusCode.SeeOther));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        Assert.Equal(10, metrics.Sum(AuthTelemetry.Logins, Result, "failed"));
        Assert.Equal(10, metrics.Sum(AuthTelemetry.Logins));
        var limited = Assert.Single(metrics.Measurements(AuthTelemetry.RateLimitedRequests));
        Assert.Equal(1, limited.Value);
        Assert.Equal("failures_per_username", limited.Tags[AuthTelemetry.RateLimitTag]);
    }

    [Fact]
    public async Task A_login_for_a_locked_account_counts_a_request_refused_by_the_failures_per_account_limit()
    {
        await using var app = await TestApp.StartAsync(o => o.AccountFailureLimit = 2, configureApp: LoginRateLimitTests.UseClientHeader);
        using var metrics = new KitMetrics(app.Services);
        using var first = LoginRateLimitTests.Browser(app, "198.51.100.1");
        using var second = LoginRateLimitTests.Browser(app, "198.51.100.2");
        using var third = LoginRateLimitTests.Browser(app, "198.51.100.3");

        Assert.Equal(HttpStatusCode.SeeOther, (await first.PostFormAsync("/auth/login", LoginEndpointTests.Form(password: "wrong"))).StatusCode);
        Assert.Equal(HttpStatusCode.SeeOther, (await second.PostFormAsync("/auth/login", LoginEndpointTests.Form(password: "wrong"))).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await third.PostFormAsync("/auth/login", LoginEndpointTests.Form())).StatusCode);

        Assert.Equal(2, metrics.Sum(AuthTelemetry.Logins, Result, "failed"));
        var limited = Assert.Single(metrics.Measurements(AuthTelemetry.RateLimitedRequests));
        Assert.Equal(1, limited.Value);
        Assert.Equal("failures_per_account", limited.Tags[AuthTelemetry.RateLimitTag]);
    }

    [Fact]
    public async Task A_client_past_the_request_limit_counts_a_request_refused_by_the_requests_per_client_limit()
    {
        await using var app = await TestApp.StartAsync();
        using var metrics = new KitMetrics(app.Services);
        using var browser = app.CreateBrowser();

        await browser.PostFormAsync("/auth/login", LoginEndpointTests.Form(password: "wrong"));
        for (var attempt = 1; attempt < BlazorCookieAuthDefaults.LoginRequestLimit; attempt++)
        {
            await browser.PostFormAsync("/auth/login", LoginEndpointTests.Form());
        }

        var limited = await browser.PostFormAsync("/auth/login", LoginEndpointTests.Form());

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal(1, metrics.Sum(AuthTelemetry.RateLimitedRequests, AuthTelemetry.RateLimitTag, "requests_per_client"));
        Assert.Single(metrics.Measurements(AuthTelemetry.RateLimitedRequests));
        Assert.Equal(1, metrics.Sum(AuthTelemetry.Logins, Result, "failed"));
        Assert.Equal(BlazorCookieAuthDefaults.LoginRequestLimit - 1, metrics.Sum(AuthTelemetry.Logins, Result, "succeeded"));
    }

    [Fact]
    public async Task A_login_while_the_session_store_is_down_counts_as_neither_succeeded_nor_failed()
    {
        await using var app = await TestApp.StartAsync(configureKit: kit => kit.AddSessionStore<TestSessionStore>());
        using var metrics = new KitMetrics(app.Services);
        using var browser = app.CreateBrowser();
        ((TestSessionStore)app.Services.GetRequiredService<IAuthSessionStore>()).IsDown = true;

        var response = await browser.PostJsonAsync("/auth/login", new { username = TestApp.Username, password = TestApp.Password });

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Empty(metrics.Measurements(AuthTelemetry.Logins));
    }
}
