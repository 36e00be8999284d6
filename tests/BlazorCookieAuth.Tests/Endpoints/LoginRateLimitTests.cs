using System.Globalization;
using System.Net;
using System.Text.Json;
using BlazorCookieAuth.Endpoints;
using BlazorCookieAuth.Tests.TestHost;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BlazorCookieAuth.Tests.Endpoints;

public class LoginRateLimitTests
{
    /// <summary>The test header that stands for the connection's address, which an in-memory server doesn't have.</summary>
    internal const string ClientHeader = "X-Test-Client";

    [Fact]
    public async Task Ten_wrong_passwords_lock_that_username_from_that_client_with_429_and_Retry_After()
    {
        await using var app = await StartAsync();
        using var browser = Browser(app, "203.0.113.7");

        for (var attempt = 1; attempt <= 10; attempt++)
        {
            var failed = await browser.PostFormAsync("/auth/login", LoginEndpointTests.Form(password: "guess " + attempt, returnUrl: "/protected"));
            Assert.Equal(HttpStatusCode.SeeOther, failed.StatusCode);
            Assert.StartsWith("/login?error=1", failed.Headers.Location!.OriginalString, StringComparison.Ordinal);
        }

        // Even the right password is refused now: guessing must not go on.
        var limited = await browser.PostFormAsync("/auth/login", LoginEndpointTests.Form(returnUrl: "/protected"));

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        AssertRetryAfterWithin(limited, TimeSpan.FromMinutes(5));
        Assert.Equal("no-store", limited.Headers.CacheControl?.ToString());
        Assert.False(limited.Headers.Contains("Set-Cookie"));
        Assert.Equal("anonymous", await browser.WhoAmIAsync());
        Assert.Equal("text/html", limited.Content.Headers.ContentType?.MediaType);
        var page = await limited.Content.ReadAsStringAsync();
        Assert.Contains("<meta http-equiv=\"refresh\" content=\"0; url=/login?error=ratelimited&amp;returnUrl=%2Fprotected\">", page, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/login?error=ratelimited&amp;returnUrl=%2Fprotected\">", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Concurrent_guesses_get_exactly_the_limit_of_failures_and_no_more()
    {
        // A slow password check, as a real hash is: without turns, every guess would pass the check before the first failure is counted.
        await using var app = await TestApp.StartAsync(
            o => o.LoginFailureLimit = 10,
            configureBuilder: b => b.Services.AddSingleton<ICredentialValidator, SlowRefusingValidator>(),
            configureApp: UseClientHeader);
        using var browser = Browser(app, "203.0.113.7");
        var token = await browser.AntiforgeryTokenAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 30).Select(async i =>
        {
            using var form = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token,
                ["username"] = TestApp.Username,
                ["password"] = "guess " + i,
            });
            return await browser.Client.PostAsync("/auth/login", form);
        }));

        Assert.Equal(10, responses.Count(r => r.StatusCode == HttpStatusCode.SeeOther));
        Assert.Equal(20, responses.Count(r => r.StatusCode == HttpStatusCode.TooManyRequests));
    }

    [Fact]
    public async Task A_json_login_past_the_limit_gets_a_json_error()
    {
        await using var app = await StartAsync(o => o.LoginFailureLimit = 2);
        using var browser = Browser(app, "203.0.113.7");

        Assert.Equal(HttpStatusCode.Unauthorized, (await PostJsonAsync(browser, TestApp.Username, "wrong")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostJsonAsync(browser, TestApp.Username, "wrong")).StatusCode);
        var limited = await PostJsonAsync(browser, TestApp.Username, TestApp.Password);

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        AssertRetryAfterWithin(limited, TimeSpan.FromMinutes(5));
        using var body = JsonDocument.Parse(await limited.Content.ReadAsStringAsync());
        Assert.Equal("rate_limited", body.RootElement.GetProperty("error").GetString());
        Assert.False(body.RootElement.TryGetProperty("token", out _));
    }

    [Fact]
    public async Task A_locked_username_does_not_lock_other_users_or_other_clients()
    {
        await using var app = await StartAsync(o => o.LoginFailureLimit = 3);
        using var attacker = Browser(app, "203.0.113.7");
        for (var attempt = 0; attempt < 3; attempt++)
        {
            await attacker.PostFormAsync("/auth/login", LoginEndpointTests.Form(password: "wrong"));
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await attacker.PostFormAsync("/auth/login", LoginEndpointTests.Form())).StatusCode);

        // Usernames are compared without regard to case, so a new spelling gets no new guesses.
        var shouted = LoginEndpointTests.Form();
        shouted["username"] = "ALICE";
        Assert.Equal(HttpStatusCode.TooManyRequests, (await attacker.PostFormAsync("/auth/login", shouted)).StatusCode);

        // Another user behind the same address (an office, a household) logs in as usual.
        var bob = LoginEndpointTests.Form();
        bob["username"] = TestApp.OtherUsername;
        var bobLogin = await attacker.PostFormAsync("/auth/login", bob);
        Assert.Equal(HttpStatusCode.SeeOther, bobLogin.StatusCode);
        Assert.Equal(TestApp.BobId, await attacker.WhoAmIAsync());

        // And Alice herself, from her own address.
        using var alice = Browser(app, "198.51.100.20");
        var aliceLogin = await alice.PostFormAsync("/auth/login", LoginEndpointTests.Form());
        Assert.Equal(HttpStatusCode.SeeOther, aliceLogin.StatusCode);
        Assert.Equal(TestApp.AliceId, await alice.WhoAmIAsync());
    }

    [Fact]
    public async Task Reaching_the_failure_limit_logs_one_warning_without_the_username()
    {
        await using var app = await StartAsync(o => o.LoginFailureLimit = 2);
        using var browser = Browser(app, "203.0.113.7");
        var form = LoginEndpointTests.Form(password: "wrong");
        form["username"] = "mallory-was-here";

        for (var attempt = 0; attempt < 5; attempt++)
        {
            await browser.PostFormAsync("/auth/login", form);
        }

        var warning = Assert.Single(app.Logs.Entries, e => e.EventId.Name == "LoginFailureLimitReached");
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains("203.0.113.7", warning.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("mallory", warning.Message, StringComparison.Ordinal);
        Assert.Equal(3, app.Logs.Entries.Count(e => e.EventId.Name == "LoginRateLimited"));
    }

    [Fact]
    public async Task A_client_past_the_request_limit_gets_429_whatever_credentials_it_sends()
    {
        await using var app = await StartAsync();
        using var busy = Browser(app, "203.0.113.7");

        for (var attempt = 0; attempt < BlazorCookieAuthDefaults.LoginRequestLimit; attempt++)
        {
            Assert.Equal(HttpStatusCode.SeeOther, (await busy.PostFormAsync("/auth/login", LoginEndpointTests.Form())).StatusCode);
        }

        var limited = await busy.PostFormAsync("/auth/login", LoginEndpointTests.Form(returnUrl: "/protected"));
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        AssertRetryAfterWithin(limited, TimeSpan.FromMinutes(1));
        Assert.Contains("url=/login?error=ratelimited&amp;returnUrl=%2Fprotected\"", await limited.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Counted after the antiforgery check: without a valid token the answer is 400, and nothing is counted.
        Assert.Equal(HttpStatusCode.BadRequest, (await busy.PostFormAsync("/auth/login", LoginEndpointTests.Form(), withAntiforgery: false)).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await busy.PostFormAsync("/auth/login", LoginEndpointTests.Form(password: "wrong"))).StatusCode);

        using var other = Browser(app, "198.51.100.20");
        Assert.Equal(HttpStatusCode.SeeOther, (await other.PostFormAsync("/auth/login", LoginEndpointTests.Form())).StatusCode);
        Assert.Equal(TestApp.AliceId, await other.WhoAmIAsync());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_flood_without_antiforgery_tokens_from_many_addresses_creates_no_limiter_state(bool useRateLimiter)
    {
        await using var app = await TestApp.StartAsync(
            configureEarly: useRateLimiter ? a => a.UseRateLimiter() : null,
            configureApp: UseClientHeader);
        var limiter = app.Services.GetRequiredService<LoginRateLimiter>();
        using var browser = app.CreateBrowser();
        var before = limiter.PartitionsCreated;

        for (var address = 0; address < 1000; address++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/auth/login") { Content = new FormUrlEncodedContent(LoginEndpointTests.Form()) };
            request.Headers.Add(ClientHeader, $"10.0.{address / 256}.{address % 256}");
            using var response = await browser.Client.SendAsync(request);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }

        Assert.Equal(before, limiter.PartitionsCreated);

        // The counter does see a login that passed the antiforgery check: its request and its failure are counted.
        using var guesser = Browser(app, "203.0.113.7");
        Assert.Equal(HttpStatusCode.SeeOther, (await guesser.PostFormAsync("/auth/login", LoginEndpointTests.Form(password: "wrong"))).StatusCode);
        Assert.True(limiter.PartitionsCreated > before);
    }

    [Fact]
    public async Task With_UseRateLimiter_each_login_is_still_counted_once_and_answered_with_the_login_page()
    {
        await using var app = await TestApp.StartAsync(configureEarly: a => a.UseRateLimiter());
        using var browser = app.CreateBrowser();

        for (var attempt = 0; attempt < BlazorCookieAuthDefaults.LoginRequestLimit; attempt++)
        {
            Assert.Equal(HttpStatusCode.SeeOther, (await browser.PostFormAsync("/auth/login", LoginEndpointTests.Form())).StatusCode);
        }

        var limited = await browser.PostFormAsync("/auth/login", LoginEndpointTests.Form(returnUrl: "/protected"));
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        AssertRetryAfterWithin(limited, TimeSpan.FromMinutes(1));
        Assert.Equal("no-store", limited.Headers.CacheControl?.ToString());
        Assert.Contains("url=/login?error=ratelimited&amp;returnUrl=%2Fprotected\"", await limited.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Single(app.Logs.Entries, e => e.EventId.Name == "LoginRateLimited");
        Assert.Equal(HttpStatusCode.BadRequest, (await browser.PostFormAsync("/auth/login", LoginEndpointTests.Form(), withAntiforgery: false)).StatusCode);

        // The other endpoints of the group are not limited.
        Assert.Equal(HttpStatusCode.OK, (await browser.Client.GetAsync("/auth/session")).StatusCode);
        Assert.Equal(HttpStatusCode.SeeOther, (await browser.PostFormAsync("/auth/logout", new Dictionary<string, string>())).StatusCode);
    }

    [Fact]
    public async Task An_apps_own_rate_limiter_policy_on_the_endpoints_replaces_the_kits()
    {
        await using var app = await TestApp.StartAsync(
            configureBuilder: b => b.Services.AddRateLimiter(o =>
            {
                o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
                o.AddFixedWindowLimiter("generous", l =>
                {
                    l.PermitLimit = 100;
                    l.Window = TimeSpan.FromMinutes(1);
                });
            }),
            mapEndpoints: false,
            configureEarly: a => a.UseRateLimiter(),
            configureApp: a => a.MapBlazorCookieAuth().RequireRateLimiting("generous"));
        using var browser = app.CreateBrowser();

        for (var attempt = 0; attempt < 100; attempt++)
        {
            Assert.Equal(HttpStatusCode.SeeOther, (await browser.PostFormAsync("/auth/login", LoginEndpointTests.Form())).StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await browser.PostFormAsync("/auth/login", LoginEndpointTests.Form())).StatusCode);
    }

    [Fact]
    public async Task Ipv6_clients_are_counted_by_their_64_bit_network()
    {
        await using var app = await StartAsync();
        using var first = Browser(app, "2001:db8:1:2::10");
        using var sameNetwork = Browser(app, "2001:db8:1:2:ffff::99");
        using var otherNetwork = Browser(app, "2001:db8:1:3::10");
        using var mappedV4 = Browser(app, "::ffff:203.0.113.7");
        using var plainV4 = Browser(app, "203.0.113.7");

        for (var attempt = 0; attempt < BlazorCookieAuthDefaults.LoginRequestLimit; attempt++)
        {
            await first.PostFormAsync("/auth/login", LoginEndpointTests.Form());
            await mappedV4.PostFormAsync("/auth/login", LoginEndpointTests.Form());
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await sameNetwork.PostFormAsync("/auth/login", LoginEndpointTests.Form())).StatusCode);
        Assert.Equal(HttpStatusCode.SeeOther, (await otherNetwork.PostFormAsync("/auth/login", LoginEndpointTests.Form())).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await plainV4.PostFormAsync("/auth/login", LoginEndpointTests.Form())).StatusCode);
    }

    [Fact]
    public async Task A_lock_ends_when_the_window_moves_on()
    {
        await using var app = await StartAsync(o =>
        {
            o.LoginFailureLimit = 2;
            o.LoginFailureWindow = TimeSpan.FromSeconds(1);
        });
        using var browser = Browser(app, "203.0.113.7");
        await browser.PostFormAsync("/auth/login", LoginEndpointTests.Form(password: "wrong"));
        await browser.PostFormAsync("/auth/login", LoginEndpointTests.Form(password: "wrong"));
        Assert.Equal(HttpStatusCode.TooManyRequests, (await browser.PostFormAsync("/auth/login", LoginEndpointTests.Form())).StatusCode);

        // The framework's limiters run on real time; give the window up to ten times its length to move on.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        HttpResponseMessage response;
        do
        {
            await Task.Delay(250);
            response = await browser.PostFormAsync("/auth/login", LoginEndpointTests.Form());
        }
        while (response.StatusCode == HttpStatusCode.TooManyRequests && DateTime.UtcNow < deadline);

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal(TestApp.AliceId, await browser.WhoAmIAsync());
    }

    [Fact]
    public async Task A_failure_limit_of_zero_and_DisableRateLimiting_turn_the_limits_off()
    {
        await using var app = await TestApp.StartAsync(
            o => o.LoginFailureLimit = 0,
            mapEndpoints: false,
            configureApp: a =>
            {
                UseClientHeader(a);
                a.MapBlazorCookieAuth().DisableRateLimiting();
            });
        using var browser = Browser(app, "203.0.113.7");

        for (var attempt = 0; attempt < 70; attempt++)
        {
            var response = await browser.PostFormAsync("/auth/login", LoginEndpointTests.Form(password: "wrong"));
            Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        }

        Assert.Equal(HttpStatusCode.SeeOther, (await browser.PostFormAsync("/auth/login", LoginEndpointTests.Form())).StatusCode);
        Assert.Equal(TestApp.AliceId, await browser.WhoAmIAsync());
    }

    [Fact]
    public async Task A_successful_login_uses_no_failure()
    {
        await using var app = await StartAsync(o => o.LoginFailureLimit = 2);
        using var browser = Browser(app, "203.0.113.7");

        for (var attempt = 0; attempt < 5; attempt++)
        {
            Assert.Equal(HttpStatusCode.SeeOther, (await browser.PostFormAsync("/auth/login", LoginEndpointTests.Form())).StatusCode);
        }

        Assert.Equal(HttpStatusCode.SeeOther, (await browser.PostFormAsync("/auth/login", LoginEndpointTests.Form(password: "typo"))).StatusCode);
        Assert.Equal(HttpStatusCode.SeeOther, (await browser.PostFormAsync("/auth/login", LoginEndpointTests.Form())).StatusCode);
        Assert.Equal(TestApp.AliceId, await browser.WhoAmIAsync());
    }

    private static Task<TestApp> StartAsync(Action<BlazorCookieAuthOptions>? configure = null) =>
        TestApp.StartAsync(configure, configureApp: UseClientHeader);

    internal static void UseClientHeader(WebApplication app) =>
        app.Use((context, next) =>
        {
            if (context.Request.Headers[ClientHeader] is [{ } address])
            {
                context.Connection.RemoteIpAddress = IPAddress.Parse(address);
            }

            return next(context);
        });

    internal static TestBrowser Browser(TestApp app, string clientAddress)
    {
        var browser = app.CreateBrowser();
        browser.Client.DefaultRequestHeaders.Add(ClientHeader, clientAddress);
        return browser;
    }

    private static Task<HttpResponseMessage> PostJsonAsync(TestBrowser browser, string username, string password) =>
        browser.PostJsonAsync("/auth/login", new { username, password });

    /// <summary>Refuses everyone, taking its time as a password hash does.</summary>
    private sealed class SlowRefusingValidator : ICredentialValidator
    {
        public async Task<AuthUser?> ValidateAsync(string username, string password, CancellationToken cancellationToken)
        {
            await Task.Delay(20, cancellationToken);
            return null;
        }
    }

    internal static void AssertRetryAfterWithin(HttpResponseMessage response, TimeSpan window)
    {
        var header = Assert.Single(response.Headers.GetValues("Retry-After"));
        var seconds = int.Parse(header, NumberStyles.None, CultureInfo.InvariantCulture);
        Assert.InRange(seconds, 1, (int)window.TotalSeconds);
    }
}
