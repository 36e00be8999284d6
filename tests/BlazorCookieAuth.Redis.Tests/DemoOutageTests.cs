using System.Diagnostics;
using System.Net;
using BlazorCookieAuth.Redis.Tests.TestHost;
using BlazorCookieAuth.Tests.Shared;

namespace BlazorCookieAuth.Redis.Tests;

/// <summary>
/// Two instances of the demo while their Redis is down: requests fail closed (anonymous, cookie kept, no 5xx, no
/// wait), logins are refused with a message, each instance logs one error, and all works again once Redis is back.
/// </summary>
public sealed class DemoOutageTests(RedisFixture redis) : IClassFixture<RedisFixture>, IAsyncLifetime
{
    private static readonly TimeSpan Answer = TimeSpan.FromSeconds(2);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => redis.EnsureRunningAsync();

    [Fact]
    public async Task While_Redis_is_down_requests_are_anonymous_logins_are_refused_and_once_it_is_back_logins_work_on_both_instances()
    {
        await using var appA = await RedisDemoApp.StartAsync(redis.Configuration);
        await using var appB = await RedisDemoApp.StartAsync(redis.Configuration);
        using var browser = appA.CreateBrowser();
        var cookie = await RedisDemoApp.LogInAsync(browser);
        using (var beforeOutage = await appB.GetAsync("/account", cookie))
        {
            Assert.Equal(HttpStatusCode.OK, beforeOutage.StatusCode);
        }

        var errorsBefore = new[] { appA.Errors.Count, appB.Errors.Count };
        await redis.StopAsync();

        // Instance B answers from its cache until its connection notices the outage, a moment later; from then on
        // it fails closed.
        await Poll.UntilAsync(
            async () =>
            {
                using var page = await AnswerAsync(appB, cookie, "text/html");
                return page.StatusCode == HttpStatusCode.Found;
            },
            Answer,
            "Instance B sending the page request to the login page");
        using (var page = await AnswerAsync(appB, cookie, "text/html"))
        {
            Assert.Equal(HttpStatusCode.Found, page.StatusCode);
            Assert.Equal("/login?returnUrl=%2Faccount", page.Headers.Location?.OriginalString);
        }

        using (var api = await AnswerAsync(appB, cookie, "application/json"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        }

        var clock = Stopwatch.StartNew();
        using (var login = await DemoForms.LogInAsync(browser, "alice", "wonderland", returnUrl: "/account"))
        {
            Assert.True(clock.Elapsed < Answer, $"The login took {clock.Elapsed}.");
            Assert.Equal(HttpStatusCode.SeeOther, login.StatusCode);
            Assert.Equal("/login?error=unavailable&returnUrl=%2Faccount", login.Headers.Location?.OriginalString);
            Assert.Null(DemoForms.AuthSetCookie(login));
            var loginPage = await browser.GetStringAsync(login.Headers.Location);
            Assert.Contains("Logging in is not possible right now", loginPage, StringComparison.Ordinal);
        }

        AssertOneOutageLogged(appA, errorsBefore[0]);
        AssertOneOutageLogged(appB, errorsBefore[1]);

        await redis.StartAsync();

        foreach (var app in new[] { appA, appB })
        {
            using var newBrowser = app.CreateBrowser();
            await Poll.UntilAsync(() => LogsInAsync(newBrowser), TimeSpan.FromSeconds(10), "A login working again");
        }

        // Still one error each: the outage ended, and no new one began.
        AssertOneOutageLogged(appA, errorsBefore[0]);
        AssertOneOutageLogged(appB, errorsBefore[1]);
    }

    private static void AssertOneOutageLogged(RedisDemoApp app, int errorsBefore)
    {
        var error = Assert.Single(app.Errors.Skip(errorsBefore));
        Assert.Equal("SessionStoreUnavailable", error.EventId.Name);
    }

    /// <summary>
    /// Sends GET /account with <paramref name="cookie"/> and checks what every answer during an outage must be:
    /// within <see cref="Answer"/>, no server error, and the cookie left alone, since it may be fine once Redis is back.
    /// </summary>
    private static async Task<HttpResponseMessage> AnswerAsync(RedisDemoApp app, string cookie, string accept)
    {
        var clock = Stopwatch.StartNew();
        var response = await app.GetAsync("/account", cookie, accept);
        Assert.True(clock.Elapsed < Answer, $"GET /account ({accept}) took {clock.Elapsed}.");
        Assert.True((int)response.StatusCode < 500, $"GET /account ({accept}) answered {(int)response.StatusCode}.");
        Assert.Null(DemoForms.AuthSetCookie(response));
        return response;
    }

    private static async Task<bool> LogsInAsync(HttpClient browser)
    {
        using var login = await DemoForms.LogInAsync(browser, "alice", "wonderland", returnUrl: "/account");
        return login.StatusCode == HttpStatusCode.SeeOther && login.Headers.Location?.OriginalString == "/account";
    }
}
