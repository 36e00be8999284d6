using System.Net;
using BlazorCookieAuth.Redis.Tests.TestHost;
using BlazorCookieAuth.Tests.Shared;

namespace BlazorCookieAuth.Redis.Tests;

/// <summary>
/// Two instances of the demo on a Redis that keeps its data through a restart, as a production one does: a logout on
/// instance A while Redis is down signs the browser out as usual, and once Redis is back, A applies the end, so a copy
/// of the old cookie is refused on both instances from then on.
/// </summary>
public sealed class DemoLogoutDuringOutageTests
{
    /// <summary>Past the session cache (5 s), with time for a connection to notice that Redis went away.</summary>
    private static readonly TimeSpan PastTheCache = BlazorCookieAuthDefaults.SessionCacheDuration + TimeSpan.FromSeconds(5);

    /// <summary>For the instances to reconnect once Redis is back, and for A to apply the end (within about a second).</summary>
    private static readonly TimeSpan Recovery = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_logout_on_A_while_Redis_is_down_signs_the_browser_out_and_once_Redis_is_back_a_copy_of_the_cookie_is_refused_on_A_and_B()
    {
        await using var redis = await RedisServer.StartNewAsync(persistent: true);
        await using var appA = await RedisDemoApp.StartAsync(redis.Configuration);
        await using var appB = await RedisDemoApp.StartAsync(redis.Configuration);
        using var browser = appA.CreateBrowser();
        var copy = await RedisDemoApp.LogInAsync(browser, remember: true);
        using var otherDevice = appB.CreateBrowser();
        var otherSession = await RedisDemoApp.LogInAsync(otherDevice);
        foreach (var app in new[] { appA, appB })
        {
            Assert.Equal(HttpStatusCode.OK, await StatusAsync(app, copy));
        }

        // The page the user reads while Redis goes down: its logout form was made for the signed-in user.
        var logoutForm = await DemoForms.ReadLogoutFormAsync(browser, "/profile");
        await redis.StopAsync();
        await Poll.UntilAsync(
            async () => await StatusAsync(appA, copy) == HttpStatusCode.Found,
            PastTheCache,
            "Instance A no longer answering the session from its cache while Redis is down");

        using (var logout = await DemoForms.PostLogoutFormAsync(browser, logoutForm))
        {
            Assert.Equal(HttpStatusCode.SeeOther, logout.StatusCode);
            Assert.Equal(logoutForm["returnUrl"], logout.Headers.Location?.OriginalString);
            var setCookies = logout.Headers.GetValues("Set-Cookie").ToList();
            Assert.Contains(setCookies, c => c.StartsWith(DemoForms.AuthCookieName + "=;", StringComparison.Ordinal) && c.Contains("expires=Thu, 01 Jan 1970", StringComparison.Ordinal));
            Assert.Contains(setCookies, c => c.StartsWith(DemoForms.AuthCookieName + "-fresh=;", StringComparison.Ordinal) && c.Contains("expires=Thu, 01 Jan 1970", StringComparison.Ordinal));
            Assert.True(logout.Headers.CacheControl?.NoStore, "The logout answer is not no-store.");
        }

        Assert.Equal(HttpStatusCode.Found, await DemoForms.StatusOfAsync(browser, "/profile"));
        Assert.True(appA.Log.Entries.Any(e => e.EventId.Name == "SessionEndDeferred"), "Instance A did not log the deferred end.");

        await redis.StartAsync();

        // The other device's session came through the restart: Redis kept its data, so the old cookie's refusal below
        // is the logout's doing, not a Redis that forgot everything.
        await Poll.UntilAsync(
            async () => await StatusAsync(appA, otherSession) == HttpStatusCode.OK && await StatusAsync(appB, otherSession) == HttpStatusCode.OK,
            Recovery,
            "Both instances accepting the other device's session once Redis is back");
        await Poll.UntilAsync(
            () => appA.Log.Entries.Any(e => e.EventId.Name == "PendingSessionEndsApplied"),
            Recovery,
            "Instance A applying the logout that waited for Redis (PendingSessionEndsApplied)");

        // Refused on both, and still refused once anything either instance cached of it has gone stale.
        var until = DateTime.UtcNow + PastTheCache;
        do
        {
            Assert.Equal(HttpStatusCode.Found, await StatusAsync(appA, copy));
            Assert.Equal(HttpStatusCode.Found, await StatusAsync(appB, copy));
            await Task.Delay(TimeSpan.FromMilliseconds(250));
        }
        while (DateTime.UtcNow < until);

        Assert.Equal(HttpStatusCode.OK, await StatusAsync(appB, otherSession));
    }

    /// <summary>The status of GET /profile with <paramref name="cookie"/>: 200 when signed in, 302 to the login page when not.</summary>
    private static async Task<HttpStatusCode> StatusAsync(RedisDemoApp app, string cookie)
    {
        using var response = await app.GetAsync("/profile", cookie);
        return response.StatusCode;
    }
}
