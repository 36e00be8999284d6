using System.Net;
using System.Text.Json;
using BlazorCookieAuth.Tests.TestHost;
using Microsoft.Extensions.Logging;
using static BlazorCookieAuth.Tests.Endpoints.LoginRateLimitTests;

namespace BlazorCookieAuth.Tests.Endpoints;

/// <summary>
/// <see cref="BlazorCookieAuthOptions.AccountFailureLimit"/>: failed logins for one username from all clients together
/// lock that username for every client, while one client's failures count toward it only up to its own limit.
/// </summary>
public class AccountFailureLimitTests
{
    [Fact]
    public async Task Failures_from_five_addresses_lock_the_account_for_a_sixth_with_429_and_Retry_After()
    {
        await using var app = await StartAsync(o => o.AccountFailureLimit = 5);
        for (var address = 1; address <= 4; address++)
        {
            Assert.Equal(HttpStatusCode.SeeOther, (await FailAsync(app, "198.51.100." + address)).StatusCode);
        }

        // Below the limit the right password works, from anywhere.
        using (var below = Browser(app, "198.51.100.6"))
        {
            Assert.Equal(HttpStatusCode.SeeOther, (await below.PostFormAsync("/auth/login", LoginEndpointTests.Form())).StatusCode);
            Assert.Equal(TestApp.AliceId, await below.WhoAmIAsync());
        }

        Assert.Equal(HttpStatusCode.SeeOther, (await FailAsync(app, "198.51.100.5")).StatusCode);

        using var sixth = Browser(app, "198.51.100.6");
        var limited = await sixth.PostFormAsync("/auth/login", LoginEndpointTests.Form(returnUrl: "/protected"));
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        AssertRetryAfterWithin(limited, TimeSpan.FromHours(1));
        Assert.Equal("no-store", limited.Headers.CacheControl?.ToString());
        Assert.False(limited.Headers.Contains("Set-Cookie"));
        Assert.Contains("url=/login?error=ratelimited&amp;returnUrl=%2Fprotected\"", await limited.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("anonymous", await sixth.WhoAmIAsync());

        // An API caller gets problem details; another spelling of the username is the same account.
        using var api = Browser(app, "198.51.100.7");
        var json = await api.PostJsonAsync("/auth/login", new { username = "ALICE", password = TestApp.Password });
        Assert.Equal(HttpStatusCode.TooManyRequests, json.StatusCode);
        AssertRetryAfterWithin(json, TimeSpan.FromHours(1));
        using var body = JsonDocument.Parse(await json.Content.ReadAsStringAsync());
        Assert.Equal("rate_limited", body.RootElement.GetProperty("error").GetString());

        // Other usernames are not affected, from the same address either.
        var bob = LoginEndpointTests.Form();
        bob["username"] = TestApp.OtherUsername;
        Assert.Equal(HttpStatusCode.SeeOther, (await sixth.PostFormAsync("/auth/login", bob)).StatusCode);
        Assert.Equal(TestApp.BobId, await sixth.WhoAmIAsync());
    }

    [Fact]
    public async Task The_lockout_is_logged_once_without_the_username()
    {
        await using var app = await StartAsync(o => o.AccountFailureLimit = 3);
        for (var address = 1; address <= 7; address++)
        {
            await FailAsync(app, "198.51.100." + address, username: "mallory-was-here");
        }

        var warning = Assert.Single(app.Logs.Entries, e => e.EventId.Name == "AccountFailureLimitReached");
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains("AccountFailureLimit", warning.Message, StringComparison.Ordinal);
        var refusals = app.Logs.Entries.Where(e => e.EventId.Name == "LoginRateLimited").ToList();
        Assert.Equal(4, refusals.Count);
        Assert.All(refusals, e => Assert.Contains("BlazorCookieAuthOptions.AccountFailureLimit", e.Message, StringComparison.Ordinal));
        Assert.DoesNotContain(app.Logs.Entries, e =>
            e.Message.Contains("mallory", StringComparison.OrdinalIgnoreCase)
            || e.Properties.Any(p => p.Value?.Contains("mallory", StringComparison.OrdinalIgnoreCase) == true));
    }

    [Fact]
    public async Task One_clients_failures_count_toward_the_account_only_up_to_its_own_limit()
    {
        await using var app = await StartAsync(o =>
        {
            o.LoginFailureLimit = 2;
            o.LoginFailureWindow = TimeSpan.FromSeconds(1);
            o.AccountFailureLimit = 3;
        });
        using var persistent = Browser(app, "203.0.113.7");
        await persistent.PostFormAsync("/auth/login", LoginEndpointTests.Form(password: "wrong"));
        await persistent.PostFormAsync("/auth/login", LoginEndpointTests.Form(password: "wrong"));
        Assert.Equal(HttpStatusCode.TooManyRequests, (await persistent.PostFormAsync("/auth/login", LoginEndpointTests.Form(password: "wrong"))).StatusCode);

        // The framework's limiters run on real time; give the client's window up to ten times its length to move on.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        HttpResponseMessage response;
        do
        {
            await Task.Delay(250);
            response = await persistent.PostFormAsync("/auth/login", LoginEndpointTests.Form());
        }
        while (response.StatusCode == HttpStatusCode.TooManyRequests && DateTime.UtcNow < deadline);

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal(HttpStatusCode.SeeOther, (await persistent.PostFormAsync("/auth/login", LoginEndpointTests.Form(password: "wrong"))).StatusCode);
        Assert.Equal(HttpStatusCode.SeeOther, (await persistent.PostFormAsync("/auth/login", LoginEndpointTests.Form(password: "wrong"))).StatusCode);

        // Four failures from one client, but only its limit of two counted toward the account's three.
        using var owner = Browser(app, "198.51.100.20");
        Assert.Equal(HttpStatusCode.SeeOther, (await owner.PostFormAsync("/auth/login", LoginEndpointTests.Form())).StatusCode);
        Assert.Equal(TestApp.AliceId, await owner.WhoAmIAsync());

        // A failure from another client does count, and locks the account.
        Assert.Equal(HttpStatusCode.SeeOther, (await FailAsync(app, "198.51.100.30")).StatusCode);
        using var later = Browser(app, "198.51.100.40");
        Assert.Equal(HttpStatusCode.TooManyRequests, (await later.PostFormAsync("/auth/login", LoginEndpointTests.Form())).StatusCode);
        Assert.Single(app.Logs.Entries, e => e.EventId.Name == "AccountFailureLimitReached");
    }

    private static Task<TestApp> StartAsync(Action<BlazorCookieAuthOptions> configure) =>
        TestApp.StartAsync(configure, configureApp: UseClientHeader);

    /// <summary>One wrong password for <paramref name="username"/> from <paramref name="address"/>.</summary>
    private static async Task<HttpResponseMessage> FailAsync(TestApp app, string address, string username = TestApp.Username)
    {
        using var browser = Browser(app, address);
        var form = LoginEndpointTests.Form(password: "wrong");
        form["username"] = username;
        return await browser.PostFormAsync("/auth/login", form);
    }
}
