using System.Net;
using System.Text.RegularExpressions;
using BlazorCookieAuth.Demo.Tests.TestHost;
using BlazorCookieAuth.Tests.Shared;

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
        Assert.Contains("""<button type="submit" class="end-session">Sign out</button>""", other, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(DemoForms.AntiforgeryToken(other)));
        Assert.Contains("""<input type="hidden" name="everywhere" value="true">""", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signing_out_another_session_ends_it_and_keeps_this_one()
    {
        using var demo = new DemoAppFactory();
        using var laptop = await demo.CreateLoggedInClientAsync("alice", "wonderland");
        using var phone = await demo.CreateLoggedInClientAsync("alice", "wonderland");
        var phoneForm = Assert.Single(DemoForms.FormNames(await laptop.GetStringAsync(new Uri(Page, UriKind.Relative))), n => n.StartsWith("end-", StringComparison.Ordinal) && n != "end-others");

        using var response = await DemoForms.SubmitPageFormAsync(laptop, Page, phoneForm);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Signed out ", html, StringComparison.Ordinal);
        Assert.Single(Rows(html));
        Assert.Equal(HttpStatusCode.Found, await DemoForms.StatusOfAsync(phone, "/account"));
        Assert.Equal(HttpStatusCode.OK, await DemoForms.StatusOfAsync(laptop, "/account"));
    }

    [Fact]
    public async Task A_user_never_sees_or_ends_another_users_sessions()
    {
        using var demo = new DemoAppFactory();
        using var alice = await demo.CreateLoggedInClientAsync("alice", "wonderland");
        using var bob = await demo.CreateLoggedInClientAsync("bob", "canwefixit");
        using var bobElsewhere = await demo.CreateLoggedInClientAsync("bob", "canwefixit");
        var bobsForm = Assert.Single(DemoForms.FormNames(await bob.GetStringAsync(new Uri(Page, UriKind.Relative))), n => n.StartsWith("end-", StringComparison.Ordinal) && n != "end-others");

        var alicesPage = await alice.GetStringAsync(new Uri(Page, UriKind.Relative));
        var token = DemoForms.AntiforgeryToken(alicesPage)!;
        using var forged = await DemoForms.PostPageFormAsync(alice, Page, bobsForm, token);

        Assert.Single(Rows(alicesPage));
        Assert.DoesNotContain(bobsForm, DemoForms.FormNames(alicesPage));
        Assert.NotEqual(HttpStatusCode.OK, forged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, await DemoForms.StatusOfAsync(bobElsewhere, "/account"));
        Assert.Equal(2, Rows(await bob.GetStringAsync(new Uri(Page, UriKind.Relative))).Count);
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
    public async Task A_remembered_login_restored_after_the_browser_closed_must_log_in_again_first()
    {
        using var demo = new DemoAppFactory();
        using var browser = demo.CreateBrowserLikeClient();
        using var login = await DemoForms.LogInAsync(browser, "alice", "wonderland", remember: true);
        var authCookie = DemoForms.AuthSetCookie(login)!.Split(';')[0];

        // After a browser restart only the persistent auth cookie comes back, not the browser-session one.
        using var restored = demo.CreateClient(new() { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false, HandleCookies = false });
        restored.DefaultRequestHeaders.Add("Cookie", authCookie);

        Assert.Equal(HttpStatusCode.OK, await DemoForms.StatusOfAsync(restored, "/account"));
        using var sessions = await restored.GetAsync(new Uri(Page, UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, sessions.StatusCode);
        Assert.Equal("/login?returnUrl=%2Faccount%2Fsessions", sessions.Headers.Location?.OriginalString);
        Assert.Contains("Enter your password again to continue.", await restored.GetStringAsync(new Uri("/login", UriKind.Relative)), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, await DemoForms.StatusOfAsync(browser, Page));
    }

    private static List<string> Rows(string html) => [.. SessionRow().Matches(html).Select(m => m.Value)];

    [GeneratedRegex("""<tr class="session[^"]*">.*?</tr>""", RegexOptions.Singleline)]
    private static partial Regex SessionRow();

    [GeneratedRegex("""<form[^>]*action="auth/logout".*?</form>""", RegexOptions.Singleline)]
    private static partial Regex EverywhereForm();
}
