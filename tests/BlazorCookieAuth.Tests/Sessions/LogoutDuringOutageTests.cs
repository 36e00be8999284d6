using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using BlazorCookieAuth.Sessions;
using BlazorCookieAuth.Tests.Endpoints;
using BlazorCookieAuth.Tests.TestHost;
using BlazorCookieAuth.Tests.Tokens;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BlazorCookieAuth.Tests.Sessions;

/// <summary>
/// A logout while the session store is down, from a page loaded before the outage, with the session no longer in
/// this server's cache: the browser is signed out as by any logout, this server refuses every copy of the cookie at
/// once, and the store ends the session as soon as it answers again.
/// </summary>
public class LogoutDuringOutageTests
{
    private const string AuthCookie = "__Host-BlazorCookieAuth";
    private const string FreshCookie = "__Host-BlazorCookieAuth-fresh";

    [Fact]
    public async Task A_logout_form_from_a_page_loaded_before_the_outage_answers_as_usual_and_deletes_both_cookies()
    {
        await using var app = await StartAsync();
        var (browser, pageToken, _) = await SignInWithPageAsync(app);
        using (browser)
        {
            GoDown(app);

            var response = await LogOutAsync(browser, pageToken);

            Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
            Assert.Equal("/bye", response.Headers.Location?.OriginalString);
            AssertCookiesDeleted(response);
            Assert.Null(browser.AuthCookie);
            Assert.Equal("anonymous", await browser.WhoAmIAsync());
        }
    }

    [Fact]
    public async Task A_JSON_logout_from_a_page_loaded_before_the_outage_gets_the_usual_JSON_answer_and_deletes_both_cookies()
    {
        await using var app = await StartAsync();
        var (browser, pageToken, _) = await SignInWithPageAsync(app);
        using (browser)
        {
            GoDown(app);

            using var request = new HttpRequestMessage(HttpMethod.Post, "/auth/logout") { Content = JsonContent.Create(new { returnUrl = "/bye" }) };
            request.Headers.Add("RequestVerificationToken", pageToken);
            var response = await browser.Client.SendAsync(request);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            Assert.False(body["authenticated"]!.GetValue<bool>());
            Assert.Equal("/bye", body["returnUrl"]!.GetValue<string>());
            AssertCookiesDeleted(response);
            Assert.Null(browser.AuthCookie);
        }
    }

    [Fact]
    public async Task A_copy_of_the_cookie_is_refused_during_the_outage_and_after_it_and_the_store_ends_the_session_once_it_answers()
    {
        await using var app = await StartAsync();
        var notices = app.Services.GetRequiredService<IAuthSessionNotices>();
        var (browser, pageToken, sessionId) = await SignInWithPageAsync(app);
        var copy = browser.AuthCookie!;
        using (browser)
        {
            GoDown(app);
            Assert.Equal(HttpStatusCode.SeeOther, (await LogOutAsync(browser, pageToken)).StatusCode);
        }

        // This server refuses the session at once, though the store could not be told.
        Assert.Equal("anonymous", await TamperedTokenTests.SendWithCookieAsync(app, copy, expectDeletion: true));
        var deferred = Assert.Single(app.Logs.Entries, e => e.EventId.Name == "SessionEndDeferred");
        Assert.Equal(LogLevel.Warning, deferred.Level);
        Assert.Contains(TestApp.AliceId, deferred.Message, StringComparison.Ordinal);
        Assert.NotNull(await Store(app).Sessions.FindAsync(sessionId));

        // As when a distributed store's notices drop with it, the cache is not trusted: every request asks the store.
        notices.NoticesLost();
        Assert.Equal("anonymous", await TamperedTokenTests.SendWithCookieAsync(app, copy, expectDeletion: false));

        // The store answers again and still has the session: the request that finds it there is refused, and the
        // store's answer starts applying the end.
        Store(app).IsDown = false;
        Assert.Equal("anonymous", await TamperedTokenTests.SendWithCookieAsync(app, copy, expectDeletion: true));
        await KitServices.WaitUntilAsync(async () => await Store(app).Sessions.FindAsync(sessionId) is null);

        notices.NoticesRestored();
        Assert.Equal("anonymous", await TamperedTokenTests.SendWithCookieAsync(app, copy, expectDeletion: true));
        await KitServices.WaitUntilAsync(() => app.Logs.Entries.Any(e => e.EventId.Name == "PendingSessionEndsApplied"));
        var applied = Assert.Single(app.Logs.Entries, e => e.EventId.Name == "PendingSessionEndsApplied");
        Assert.Equal(LogLevel.Information, applied.Level);
        Assert.Contains(applied.Properties, p => p.Key == "Count" && p.Value == "1");
        Assert.Equal(0, app.Services.GetRequiredService<PendingSessionEnds>().Count);
        Assert.DoesNotContain(app.Logs.Entries, e =>
            e.Message.Contains(sessionId, StringComparison.Ordinal) || e.Properties.Any(p => p.Value?.Contains(sessionId, StringComparison.Ordinal) == true));
    }

    [Fact]
    public async Task The_background_retry_applies_a_pending_end_once_the_store_answers_without_any_request()
    {
        await using var app = await StartAsync();
        var (browser, pageToken, sessionId) = await SignInWithPageAsync(app);
        using (browser)
        {
            await KitServices.WaitUntilAsync(() => app.Time.TimersStarted(PendingSessionEndsRetry.Interval) > 0);
            GoDown(app);
            Assert.Equal(HttpStatusCode.SeeOther, (await LogOutAsync(browser, pageToken)).StatusCode);
        }

        Store(app).IsDown = false;
        app.Time.Advance(PendingSessionEndsRetry.Interval);

        await KitServices.WaitUntilAsync(async () => await Store(app).Sessions.FindAsync(sessionId) is null);
        await KitServices.WaitUntilAsync(() => app.Logs.Entries.Any(e => e.EventId.Name == "PendingSessionEndsApplied"));
    }

    [Fact]
    public async Task Logout_everywhere_during_the_outage_ends_every_older_session_of_the_user_once_the_store_answers_and_spares_other_users()
    {
        await using var app = await StartAsync();
        using var laptop = app.CreateBrowser();
        await laptop.PostFormAsync("/auth/login", LoginEndpointTests.Form());
        var laptopCookie = laptop.AuthCookie!;
        using var bob = app.CreateBrowser();
        await bob.LoginAsync(TestApp.BobId);
        var (phone, pageToken, _) = await SignInWithPageAsync(app);
        using (phone)
        {
            GoDown(app);

            var response = await LogOutAsync(phone, pageToken, everywhere: true);

            Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
            AssertCookiesDeleted(response);
        }

        // The laptop's session is not in this server's cache: while the store is down it can't be checked at all.
        Assert.Equal("anonymous", await TamperedTokenTests.SendWithCookieAsync(app, laptopCookie, expectDeletion: false));
        Assert.Contains(app.Logs.Entries, e => e.EventId.Name == "SessionEndDeferred" && e.Properties.Any(p => p.Key == "Everywhere" && p.Value == "True"));

        Store(app).IsDown = false;
        Assert.Equal("anonymous", await TamperedTokenTests.SendWithCookieAsync(app, laptopCookie, expectDeletion: true));
        await KitServices.WaitUntilAsync(async () => (await Store(app).Sessions.ListAsync(TestApp.AliceId)).Count == 0);
        Assert.Equal(TestApp.BobId, await TamperedTokenTests.SendWithCookieAsync(app, bob.AuthCookie!, expectDeletion: false));

        // A login after the logout is not ended by it.
        await laptop.PostFormAsync("/auth/login", LoginEndpointTests.Form());
        Assert.Equal(TestApp.AliceId, await laptop.WhoAmIAsync());
    }

    [Fact]
    public async Task During_the_outage_a_logout_whose_antiforgery_token_was_made_for_another_user_than_its_cookie_gets_400_and_ends_nothing()
    {
        await using var app = await StartAsync();
        var (browser, alicesPageToken, _) = await SignInWithPageAsync(app);
        using (browser)
        {
            // The same browser, now signed in as bob: the page token was made for alice, not for the cookie's user.
            await browser.LoginAsync(TestApp.BobId);
            var bobsCookie = browser.AuthCookie!;
            GoDown(app);

            var response = await LogOutAsync(browser, alicesPageToken);

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.False(response.Headers.Contains("Set-Cookie"));
            Assert.Equal(bobsCookie, browser.AuthCookie);
            Assert.DoesNotContain(app.Logs.Entries, e => e.EventId.Name == "SessionEndDeferred");
            Store(app).IsDown = false;
            Assert.Equal(TestApp.BobId, await browser.WhoAmIAsync());
        }
    }

    [Fact]
    public async Task During_the_outage_a_garbage_cookie_with_a_signed_in_pages_antiforgery_token_gets_400()
    {
        await using var app = await StartAsync();
        var (browser, pageToken, _) = await SignInWithPageAsync(app);
        using (browser)
        {
            GoDown(app);
            browser.Cookies.Add(TestBrowser.BaseAddress, new Cookie(AuthCookie, "not-a-token-at-all") { Secure = true, Path = "/" });

            var response = await LogOutAsync(browser, pageToken);

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.DoesNotContain(app.Logs.Entries, e => e.EventId.Name == "SessionEndDeferred");
        }
    }

    [Fact]
    public async Task Stopping_the_app_while_ends_wait_for_the_store_logs_that_they_are_lost()
    {
        await using var app = await StartAsync();
        var (browser, pageToken, _) = await SignInWithPageAsync(app);
        using (browser)
        {
            GoDown(app);
            Assert.Equal(HttpStatusCode.SeeOther, (await LogOutAsync(browser, pageToken)).StatusCode);
        }

        await app.App.StopAsync();

        var lost = Assert.Single(app.Logs.Entries, e => e.EventId.Name == "PendingSessionEndsLost");
        Assert.Equal(LogLevel.Error, lost.Level);
        Assert.Contains(lost.Properties, p => p.Key == "Count" && p.Value == "1");
    }

    private static Task<TestApp> StartAsync() =>
        TestApp.StartAsync(configureKit: kit => kit.AddSessionStore<TestSessionStore>());

    private static TestSessionStore Store(TestApp app) => (TestSessionStore)app.Services.GetRequiredService<IAuthSessionStore>();

    /// <summary>
    /// Signs alice in through the login form, remembered (so the browser holds both of the kit's cookies), and loads a
    /// page with a form: its antiforgery token is alice's.
    /// </summary>
    private static async Task<(TestBrowser Browser, string PageToken, string SessionId)> SignInWithPageAsync(TestApp app)
    {
        var browser = app.CreateBrowser();
        var form = LoginEndpointTests.Form();
        form["remember"] = "true";
        await browser.PostFormAsync("/auth/login", form);
        Assert.Equal(TestApp.AliceId, await browser.WhoAmIAsync());
        Assert.NotNull(browser.Cookies.GetCookies(TestBrowser.BaseAddress)[FreshCookie]);
        return (browser, await browser.AntiforgeryTokenAsync(), await browser.Client.GetStringAsync("/test/session"));
    }

    /// <summary>Takes the store down, and lets what this server cached of it go stale, so requests must ask it.</summary>
    private static void GoDown(TestApp app)
    {
        Store(app).IsDown = true;
        app.Time.Advance(BlazorCookieAuthDefaults.SessionCacheDuration);
    }

    /// <summary>Posts the logout form of a page, with the antiforgery token the page was rendered with.</summary>
    private static async Task<HttpResponseMessage> LogOutAsync(TestBrowser browser, string pageToken, bool everywhere = false)
    {
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = pageToken,
            ["returnUrl"] = "/bye",
            ["everywhere"] = everywhere ? "true" : "false",
        });
        return await browser.Client.PostAsync("/auth/logout", form);
    }

    private static void AssertCookiesDeleted(HttpResponseMessage response)
    {
        var setCookies = response.Headers.GetValues("Set-Cookie").ToList();
        Assert.Contains(setCookies, c => c.StartsWith(AuthCookie + "=;", StringComparison.Ordinal) && c.Contains("expires=Thu, 01 Jan 1970", StringComparison.Ordinal));
        Assert.Contains(setCookies, c => c.StartsWith(FreshCookie + "=;", StringComparison.Ordinal) && c.Contains("expires=Thu, 01 Jan 1970", StringComparison.Ordinal));
        Assert.True(response.Headers.CacheControl?.NoStore, "A response that deletes the login cookies is not no-store.");
    }
}
