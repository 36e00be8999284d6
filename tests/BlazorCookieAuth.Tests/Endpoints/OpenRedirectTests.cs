using System.Net;
using BlazorCookieAuth.Tests.Shared;
using BlazorCookieAuth.Tests.TestHost;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Xunit.Abstractions;

namespace BlazorCookieAuth.Tests.Endpoints;

public class OpenRedirectTests(ITestOutputHelper output)
{
    /// <summary>
    /// Payloads per app in the login test: each is posted once with the right password and once with a wrong one,
    /// so an app sees 16 logins, 8 of them failed for one user name: within per-client login rate limits such as
    /// 10 failed logins per user name in 5 minutes and 60 logins a minute.
    /// </summary>
    private const int LoginPayloadsPerApp = 8;

    /// <summary>The most of a request body the endpoints read; a longer form is answered 400 unread.</summary>
    private const int MaxBodyBytes = 16 * 1024;

    [Theory]
    [InlineData("//evil.example")]
    [InlineData("/\\evil.example")]
    [InlineData("\\\\evil.example")]
    [InlineData(" //evil.example")]
    [InlineData("/\t/evil.example")]
    [InlineData("http:evil.example")]
    [InlineData("https:/\\evil.example")]
    [InlineData("https://localhost@evil.example/")]
    [InlineData("https://%65vil.example")]
    [InlineData("https://evil\u3002example")]
    [InlineData("java\tscript:alert(1)")]
    [InlineData("data:text/html,hi")]
    [InlineData("/login?error=1&returnUrl=%2F%2Fevil.example")]
    [InlineData("/login?returnUrl=http%3Aevil.example")]
    public void The_check_finds_a_redirect_that_leaves_the_site(string target)
    {
        var redirects = new OffSiteRedirects(TestBrowser.BaseAddress);

        redirects.Check("a redirect", target, target);

        Assert.Single(redirects.Problems);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/a//b?c=//d")]
    [InlineData("/.//evil.example")]
    [InlineData("/%2F%2Fevil.example")]
    [InlineData("https:evil.example")]
    [InlineData("https://LOCALHOST/x")]
    [InlineData("/login?error=1&returnUrl=%2Fprotected%3Ftab%3D2")]
    public void The_check_passes_a_redirect_that_stays_on_the_site(string target)
    {
        var redirects = new OffSiteRedirects(TestBrowser.BaseAddress);

        redirects.Check("a redirect", target, target);

        Assert.Empty(redirects.Problems);
    }

    [Fact]
    public void The_check_finds_a_location_of_4_KB()
    {
        var redirects = new OffSiteRedirects(TestBrowser.BaseAddress);

        redirects.Check("a redirect", "long", "/" + new string('a', OffSiteRedirects.LocationLimitBytes - 2));
        redirects.Check("a redirect", "too long", "/" + new string('a', OffSiteRedirects.LocationLimitBytes - 1));

        Assert.Contains("too long", Assert.Single(redirects.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Login_never_redirects_off_site_whether_it_succeeds_or_fails()
    {
        var redirects = new OffSiteRedirects(TestBrowser.BaseAddress);
        foreach (var payloads in OpenRedirectCorpus.Payloads.Chunk(LoginPayloadsPerApp))
        {
            await using var app = await TestApp.StartAsync();
            foreach (var payload in payloads)
            {
                using var browser = app.CreateBrowser();
                var succeeded = await browser.PostFormAsync("/auth/login", LoginEndpointTests.Form(returnUrl: payload));
                var failed = await browser.PostFormAsync("/auth/login", LoginEndpointTests.Form(password: "wrong", returnUrl: payload));

                CheckFormAnswer(redirects, "login", payload, succeeded);
                CheckFormAnswer(redirects, "failed login", payload, failed);
                if (Location(failed) is { } location && !location.StartsWith("/login?error=1", StringComparison.Ordinal))
                {
                    redirects.Report("failed login", payload, "not sent back to the login page: " + location);
                }
            }
        }

        Report(redirects);
    }

    [Fact]
    public async Task Logout_never_redirects_off_site()
    {
        var redirects = new OffSiteRedirects(TestBrowser.BaseAddress);
        await using var app = await TestApp.StartAsync();
        using var browser = app.CreateBrowser();

        foreach (var payload in OpenRedirectCorpus.Payloads)
        {
            var response = await browser.PostFormAsync("/auth/logout", new Dictionary<string, string> { ["returnUrl"] = payload });
            CheckFormAnswer(redirects, "logout", payload, response);
        }

        Report(redirects);
    }

    [Fact]
    public async Task The_login_challenge_never_redirects_off_site()
    {
        var redirects = new OffSiteRedirects(TestBrowser.BaseAddress);
        await using var app = await TestApp.StartAsync(configureApp: a =>
        {
            // Every address is a protected page, so a payload in the path is challenged too.
            a.MapGet("/{**page}", () => "page").RequireAuthorization();
            a.MapGet("/test/challenge", (HttpContext context) =>
                Results.Challenge(new AuthenticationProperties { RedirectUri = context.Request.Headers[ReturnUrlHeader] }));
        });

        foreach (var payload in OpenRedirectCorpus.Payloads)
        {
            var path = payload.StartsWith('/') ? payload : "/" + payload;
            await CheckChallengeAsync(app, redirects, "challenge of the page's path", payload, c => c.Request.Path = path);
            await CheckChallengeAsync(app, redirects, "challenge of the page's query", payload, c =>
            {
                c.Request.Path = "/protected";
                c.Request.QueryString = new QueryString("?" + payload);
            });
            await CheckChallengeAsync(app, redirects, "challenge with the app's return URL", payload, c =>
            {
                c.Request.Path = "/test/challenge";
                c.Request.Headers[ReturnUrlHeader] = payload;
            });
        }

        Report(redirects);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/protected")]
    [InlineData("/a/b?c=d&e=%2F%2Fevil.example")]
    public async Task Local_return_urls_are_kept(string returnUrl)
    {
        await using var app = await TestApp.StartAsync();
        using var browser = app.CreateBrowser();

        var response = await browser.PostFormAsync("/auth/login", LoginEndpointTests.Form(returnUrl: returnUrl));

        Assert.Equal(returnUrl, response.Headers.Location?.OriginalString);
    }

    public static TheoryData<string> OverlongUrls => new()
    {
        "/" + new string('a', 10_000),
        "/" + new string('a', 2_048),
        "/" + string.Concat(Enumerable.Repeat("\u00e9", 700)),
    };

    [Theory]
    [MemberData(nameof(OverlongUrls))]
    public async Task A_return_url_longer_than_2048_characters_as_sent_is_not_local(string returnUrl)
    {
        await using var app = await TestApp.StartAsync();
        using var browser = app.CreateBrowser();

        var succeeded = await browser.PostFormAsync("/auth/login", LoginEndpointTests.Form(returnUrl: returnUrl));
        var failed = await browser.PostFormAsync("/auth/login", LoginEndpointTests.Form(password: "wrong", returnUrl: returnUrl));
        var loggedOut = await browser.PostFormAsync("/auth/logout", new Dictionary<string, string> { ["returnUrl"] = returnUrl });

        Assert.Equal("/", succeeded.Headers.Location?.OriginalString);
        Assert.Equal("/login?error=1", failed.Headers.Location?.OriginalString);
        Assert.Equal("/", loggedOut.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task A_return_url_of_2048_characters_is_kept()
    {
        await using var app = await TestApp.StartAsync();
        using var browser = app.CreateBrowser();
        var returnUrl = "/" + new string('a', 2_047);

        var response = await browser.PostFormAsync("/auth/login", LoginEndpointTests.Form(returnUrl: returnUrl));

        Assert.Equal(returnUrl, response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task A_challenge_from_a_very_long_address_sends_to_the_login_page_without_it()
    {
        await using var app = await TestApp.StartAsync();
        using var browser = app.CreateBrowser();

        var response = await browser.Client.GetAsync("/protected?q=" + new string('a', 4_000));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/login", response.Headers.Location?.OriginalString);
    }

    private const string ReturnUrlHeader = "X-Return-Url";

    /// <summary>
    /// Sends an anonymous page request made by <paramref name="request"/> straight to the app, so that its path and
    /// query reach it as set, with nothing a client would normalize first, and checks the challenge's redirect.
    /// </summary>
    private static async Task CheckChallengeAsync(TestApp app, OffSiteRedirects redirects, string what, string payload, Action<HttpContext> request)
    {
        var context = await app.Server.SendAsync(c =>
        {
            c.Request.Scheme = TestBrowser.BaseAddress.Scheme;
            c.Request.Host = new HostString(TestBrowser.BaseAddress.Host);
            request(c);
        });

        if (context.Response.StatusCode != StatusCodes.Status302Found)
        {
            redirects.Report(what, payload, $"answered {context.Response.StatusCode}, not a redirect to the login page");
        }

        redirects.Check(what, payload, context.Response.Headers.Location.Count == 0 ? null : context.Response.Headers.Location.ToString());
    }

    /// <summary>
    /// Checks a form post's answer: 303 to a page of the site, or 400 for a form that can't be read, one past the
    /// endpoints' body limit or with a NUL character (ASP.NET Core's form reader refuses one).
    /// </summary>
    private static void CheckFormAnswer(OffSiteRedirects redirects, string what, string payload, HttpResponseMessage response)
    {
        var unreadable = payload.Length > MaxBodyBytes || payload.Contains('\0', StringComparison.Ordinal);
        var expected = unreadable ? HttpStatusCode.BadRequest : HttpStatusCode.SeeOther;
        if (response.StatusCode != expected)
        {
            redirects.Report(what, payload, $"answered {(int)response.StatusCode}, not {(int)expected}");
        }

        redirects.Check(what, payload, Location(response));
    }

    /// <summary>The <c>Location</c> header as the server sent it, before a client parses it.</summary>
    private static string? Location(HttpResponseMessage response) =>
        response.Headers.NonValidated.TryGetValues("Location", out var values) ? values.ToString() : null;

    private void Report(OffSiteRedirects redirects)
    {
        output.WriteLine($"{OpenRedirectCorpus.Payloads.Count} payloads, {redirects.Checked} redirects checked.");
        redirects.AssertNone();
    }
}
