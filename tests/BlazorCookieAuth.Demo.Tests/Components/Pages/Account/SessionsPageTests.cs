using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using BlazorCookieAuth.Demo.Tests.TestHost;
using BlazorCookieAuth.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorCookieAuth.Demo.Tests.Components.Pages.Account;

/// <summary>/account/sessions as a browser sees it: each test starts a demo of its own, so counts are exact.</summary>
public sealed partial class SessionsPageTests
{
    private const string Page = "/account/sessions";

    [Fact]
    public async Task Lists_the_users_sessions_with_client_and_times_and_marks_this_device()
    {
        using var demo = new DemoAppFactory();
        using var laptop = await demo.CreateLoggedInClientAsync("alice", "wonderland", userAgent: "Mozilla/5.0 (X11; Linux x86_64; rv:131.0) Gecko/20100101 Firefox/131.0");
        using var phone = await demo.CreateLoggedInClientAsync("alice", "wonderland", userAgent: "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1");

        using var response = await laptop.GetAsync(new Uri(Page, UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var rows = Rows(html);
        Assert.Equal(2, rows.Count);
        var thisDevice = Assert.Single(rows, r => r.Contains("this-device", StringComparison.Ordinal));
        Assert.Contains("""<span class="client-name">Firefox on Linux</span>""", thisDevice, StringComparison.Ordinal);
        Assert.Contains("<strong>This device</strong>", thisDevice, StringComparison.Ordinal);
        Assert.Contains("just now</time>", thisDevice, StringComparison.Ordinal);
        var other = Assert.Single(rows, r => !r.Contains("this-device", StringComparison.Ordinal));
        Assert.Contains("""<span class="client-name">Safari on iPhone</span>""", other, StringComparison.Ordinal);
        Assert.Matches("""<button type="submit" class="end-session" name="handle" value="[^"]+">Sign out</button>""", other);
        Assert.Contains("end-session", DemoForms.FormNames(html));
        Assert.Contains("""<input type="hidden" name="everywhere" value="true">""", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_page_never_shows_a_session_id_only_handles()
    {
        using var demo = new DemoAppFactory();
        using var laptop = await demo.CreateLoggedInClientAsync("alice", "wonderland");
        using var phone = await demo.CreateLoggedInClientAsync("alice", "wonderland");
        using var tablet = await demo.CreateLoggedInClientAsync("alice", "wonderland");

        var html = await laptop.GetStringAsync(new Uri(Page, UriKind.Relative));

        var stored = await demo.Services.GetRequiredService<IAuthSessionManager>().ListSessionsAsync(UserIdOf(demo, "alice"));
        Assert.Equal(3, stored.Count);
        Assert.Equal(3, Rows(html).Count);
        Assert.All(stored, session =>
        {
            Assert.DoesNotContain(session.SessionId, html, StringComparison.Ordinal);
            Assert.DoesNotContain(WebUtility.HtmlEncode(session.SessionId), html, StringComparison.Ordinal);
            Assert.DoesNotContain(Uri.EscapeDataString(session.SessionId), html, StringComparison.Ordinal);
        });
        Assert.Equal(2, Handles(html).Count);
    }

    [Fact]
    public async Task Signing_out_another_session_through_its_handle_ends_it_and_keeps_this_one()
    {
        using var demo = new DemoAppFactory();
        using var laptop = await demo.CreateLoggedInClientAsync("alice", "wonderland");
        using var phone = await demo.CreateLoggedInClientAsync("alice", "wonderland");
        var phoneHandle = Assert.Single(Handles(await laptop.GetStringAsync(new Uri(Page, UriKind.Relative))));

        using var response = await EndSessionAsync(laptop, phoneHandle);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Signed out that session.", html, StringComparison.Ordinal);
        Assert.Single(Rows(html));
        Assert.Equal(HttpStatusCode.Unauthorized, await DemoForms.StatusOfAsync(phone, "/auth/session"));
        Assert.Equal(HttpStatusCode.OK, await DemoForms.StatusOfAsync(laptop, "/auth/session"));
    }

    [Fact]
    public async Task A_user_never_sees_or_ends_another_users_sessions()
    {
        using var demo = new DemoAppFactory();
        using var alice = await demo.CreateLoggedInClientAsync("alice", "wonderland");
        using var bob = await demo.CreateLoggedInClientAsync("bob", "canwefixit");
        using var bobElsewhere = await demo.CreateLoggedInClientAsync("bob", "canwefixit");
        var bobsHandle = Assert.Single(Handles(await bob.GetStringAsync(new Uri(Page, UriKind.Relative))));

        var alicesPage = await alice.GetStringAsync(new Uri(Page, UriKind.Relative));
        using var forged = await EndSessionAsync(alice, bobsHandle);

        Assert.Single(Rows(alicesPage));
        Assert.Empty(Handles(alicesPage));
        Assert.Contains("That session had already ended.", await forged.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, await DemoForms.StatusOfAsync(bobElsewhere, "/auth/session"));
        Assert.Equal(2, Rows(await bob.GetStringAsync(new Uri(Page, UriKind.Relative))).Count);
    }

    [Fact]
    public async Task A_damaged_handle_ends_nothing()
    {
        using var demo = new DemoAppFactory();
        using var laptop = await demo.CreateLoggedInClientAsync("alice", "wonderland");
        using var phone = await demo.CreateLoggedInClientAsync("alice", "wonderland");
        var handle = Assert.Single(Handles(await laptop.GetStringAsync(new Uri(Page, UriKind.Relative))));

        var damaged = handle[..10] + (handle[10] == 'A' ? 'B' : 'A') + handle[11..];
        using var response = await EndSessionAsync(laptop, damaged);

        Assert.Contains("That session had already ended.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, await DemoForms.StatusOfAsync(phone, "/auth/session"));
    }

    [Fact]
    public async Task Signing_out_all_other_sessions_ends_every_other_login_of_the_user_only()
    {
        using var demo = new DemoAppFactory();
        using var here = await demo.CreateLoggedInClientAsync("alice", "wonderland");
        using var second = await demo.CreateLoggedInClientAsync("alice", "wonderland");
        using var third = await demo.CreateLoggedInClientAsync("alice", "wonderland");
        using var bob = await demo.CreateLoggedInClientAsync("bob", "canwefixit");

        using var response = await DemoForms.SubmitPageFormAsync(here, Page, "end-others");

        Assert.Contains("Signed out 2 other sessions.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Found, await DemoForms.StatusOfAsync(second, "/account"));
        Assert.Equal(HttpStatusCode.Found, await DemoForms.StatusOfAsync(third, "/account"));
        Assert.Equal(HttpStatusCode.OK, await DemoForms.StatusOfAsync(here, "/account"));
        Assert.Equal(HttpStatusCode.OK, await DemoForms.StatusOfAsync(bob, "/account"));
    }

    [Fact]
    public async Task Signing_out_everywhere_ends_this_session_too_and_deletes_the_cookie()
    {
        using var demo = new DemoAppFactory();
        using var here = await demo.CreateLoggedInClientAsync("alice", "wonderland");
        using var other = await demo.CreateLoggedInClientAsync("alice", "wonderland");
        var html = await here.GetStringAsync(new Uri(Page, UriKind.Relative));
        var everywhere = EverywhereForm().Match(html);
        Assert.True(everywhere.Success, "The page shows no sign-out-everywhere form.");

        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = DemoForms.AntiforgeryToken(everywhere.Value)!,
            ["returnUrl"] = Page,
            ["everywhere"] = "true",
        });
        using var response = await here.PostAsync(new Uri("/auth/logout", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.StartsWith(DemoForms.AuthCookieName + "=;", DemoForms.AuthSetCookie(response), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Found, await DemoForms.StatusOfAsync(here, "/account"));
        Assert.Equal(HttpStatusCode.Found, await DemoForms.StatusOfAsync(other, "/account"));
    }

    [Fact]
    public async Task A_post_without_the_antiforgery_token_is_refused()
    {
        using var demo = new DemoAppFactory();
        using var here = await demo.CreateLoggedInClientAsync("alice", "wonderland");
        using var other = await demo.CreateLoggedInClientAsync("alice", "wonderland");

        using var content = new FormUrlEncodedContent(new Dictionary<string, string> { ["_handler"] = "end-others" });
        using var response = await here.PostAsync(new Uri(Page, UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, await DemoForms.StatusOfAsync(other, "/account"));
    }

    [Fact]
    public async Task A_remembered_login_restored_after_the_browser_closed_must_confirm_its_password_first()
    {
        using var demo = new DemoAppFactory();
        using var browser = demo.CreateBrowserLikeClient();
        using var login = await DemoForms.LogInAsync(browser, "alice", "wonderland", remember: true);

        // After a browser restart only the persistent auth cookie comes back, not the browser-session one.
        using var restored = demo.CreateBrowserLikeClient(DemoForms.AuthSetCookie(login)!.Split(';')[0]);

        Assert.Equal(HttpStatusCode.OK, await DemoForms.StatusOfAsync(restored, "/account"));
        using var sessions = await restored.GetAsync(new Uri(Page, UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, sessions.StatusCode);
        Assert.Equal("/reauthenticate?returnUrl=%2Faccount%2Fsessions", sessions.Headers.Location?.OriginalString);
        Assert.Contains("Enter your password to continue.", await restored.GetStringAsync(sessions.Headers.Location), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, await DemoForms.StatusOfAsync(browser, Page));
    }

    private static List<string> Rows(string html) => [.. SessionRow().Matches(html).Select(m => m.Value)];

    /// <summary>The handles that the page's "Sign out" buttons post, one for each other session.</summary>
    private static List<string> Handles(string html) => [.. HandleButton().Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups["handle"].Value))];

    /// <summary>Clicks "Sign out" on the row whose button carries <paramref name="handle"/>.</summary>
    private static Task<HttpResponseMessage> EndSessionAsync(HttpClient client, string handle) =>
        DemoForms.SubmitPageFormAsync(client, Page, "end-session", new Dictionary<string, string> { ["handle"] = handle });

    private static string UserIdOf(DemoAppFactory demo, string userName)
    {
        using var connection = demo.OpenDatabase();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id FROM users WHERE user_name = $userName";
        command.Parameters.AddWithValue("$userName", userName);
        return ((long)command.ExecuteScalar()!).ToString(CultureInfo.InvariantCulture);
    }

    [GeneratedRegex("""<tr class="session[^"]*">.*?</tr>""", RegexOptions.Singleline)]
    private static partial Regex SessionRow();

    [GeneratedRegex("""<form[^>]*action="auth/logout".*?</form>""", RegexOptions.Singleline)]
    private static partial Regex EverywhereForm();

    [GeneratedRegex("""<button type="submit" class="end-session" name="handle" value="(?<handle>[^"]+)">""")]
    private static partial Regex HandleButton();
}
