using System.Net;
using BlazorCookieAuth.Demo.Tests.TestHost;
using BlazorCookieAuth.Tests.Shared;

namespace BlazorCookieAuth.Demo.Tests.Components.Pages.Account;

/// <summary>/account/password: each test changes a password or counts failures, so each starts a demo of its own.</summary>
public sealed class PasswordPageTests
{
    private const string Page = "/account/password";

    [Fact]
    public async Task Changing_the_password_ends_every_other_session_and_gives_this_browser_a_new_cookie()
    {
        using var demo = new DemoAppFactory();
        using var here = demo.CreateBrowserLikeClient();
        using var login = await DemoForms.LogInAsync(here, "alice", "wonderland");
        var oldCookie = DemoForms.AuthSetCookie(login)!.Split(';')[0];
        using var other = await demo.CreateLoggedInClientAsync("alice", "wonderland");
        using var bob = await demo.CreateLoggedInClientAsync("bob", "canwefixit");

        using var response = await ChangeAsync(here, "wonderland", "through-the-looking-glass");
        var html = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.OK, $"The change answered {(int)response.StatusCode}:\n{html}");
        Assert.Contains("Your password was changed, and 1 other session was signed out.", html, StringComparison.Ordinal);
        Assert.NotNull(DemoForms.AuthSetCookie(response));
        Assert.Equal(HttpStatusCode.OK, await DemoForms.StatusOfAsync(here, "/auth/session"));
        using (var copy = demo.CreateBrowserLikeClient(oldCookie))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, await DemoForms.StatusOfAsync(copy, "/auth/session"));
        }

        Assert.Equal(HttpStatusCode.Unauthorized, await DemoForms.StatusOfAsync(other, "/auth/session"));
        Assert.Equal(HttpStatusCode.OK, await DemoForms.StatusOfAsync(bob, "/auth/session"));

        using var fresh = demo.CreateBrowserLikeClient();
        using var oldPassword = await DemoForms.LogInAsync(fresh, "alice", "wonderland");
        using var newPassword = await DemoForms.LogInAsync(fresh, "alice", "through-the-looking-glass");
        Assert.StartsWith("/login?error=1", oldPassword.Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.Equal("/", newPassword.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task A_wrong_current_password_changes_nothing_and_ends_nothing()
    {
        using var demo = new DemoAppFactory();
        using var here = await demo.CreateLoggedInClientAsync("alice", "wonderland");
        using var other = await demo.CreateLoggedInClientAsync("alice", "wonderland");

        using var response = await ChangeAsync(here, "not-my-password", "through-the-looking-glass");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("The current password is wrong.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, await DemoForms.StatusOfAsync(other, "/account"));
        using var fresh = demo.CreateBrowserLikeClient();
        using var login = await DemoForms.LogInAsync(fresh, "alice", "wonderland");
        Assert.Equal("/", login.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task The_eleventh_wrong_current_password_gets_too_many_attempts_with_429_and_Retry_After()
    {
        using var demo = new DemoAppFactory();
        using var here = await demo.CreateLoggedInClientAsync("alice", "wonderland");
        var hashBefore = PasswordHashOf(demo, "alice");

        for (var attempt = 1; attempt <= 10; attempt++)
        {
            using var wrong = await ChangeAsync(here, $"guess-{attempt}", "through-the-looking-glass");
            var html = await wrong.Content.ReadAsStringAsync();
            Assert.True(wrong.StatusCode == HttpStatusCode.OK, $"Attempt {attempt} answered {(int)wrong.StatusCode}.");
            Assert.Contains("The current password is wrong.", html, StringComparison.Ordinal);
        }

        using var eleventh = await ChangeAsync(here, "guess-11", "through-the-looking-glass");
        var limited = await eleventh.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.TooManyRequests, eleventh.StatusCode);
        Assert.True(eleventh.Headers.RetryAfter?.Delta > TimeSpan.Zero, "The 429 has no Retry-After in seconds.");
        Assert.Matches(@"Too many attempts\. Try again in \d+ (second|minute)s?\.", limited);
        Assert.DoesNotContain("The current password is wrong.", limited, StringComparison.Ordinal);

        // The limit holds for the right password too: it is not checked, and nothing changes.
        using var right = await ChangeAsync(here, "wonderland", "through-the-looking-glass");
        Assert.Equal(HttpStatusCode.TooManyRequests, right.StatusCode);
        Assert.DoesNotContain("Your password was changed", await right.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(hashBefore, PasswordHashOf(demo, "alice"));
    }

    [Fact]
    public async Task A_remembered_login_restored_without_its_browser_session_cookie_confirms_the_password_and_comes_back()
    {
        using var demo = new DemoAppFactory();
        using var browser = demo.CreateBrowserLikeClient();
        using var login = await DemoForms.LogInAsync(browser, "alice", "wonderland", remember: true);
        using var restarted = demo.CreateBrowserLikeClient(DemoForms.AuthSetCookie(login)!.Split(';')[0]);

        using var stale = await restarted.GetAsync(new Uri(Page, UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, stale.StatusCode);
        Assert.Equal("/reauthenticate?returnUrl=%2Faccount%2Fpassword", stale.Headers.Location?.OriginalString);
        Assert.Contains(
            "You are signed in as Alice Liddell. Enter your password to continue.",
            await restarted.GetStringAsync(stale.Headers.Location),
            StringComparison.Ordinal);

        using var confirmed = await DemoForms.ReauthenticateAsync(restarted, "wonderland", Page);

        Assert.Equal(HttpStatusCode.SeeOther, confirmed.StatusCode);
        Assert.Equal(Page, confirmed.Headers.Location?.OriginalString);
        using var back = await restarted.GetAsync(confirmed.Headers.Location);
        Assert.Equal(HttpStatusCode.OK, back.StatusCode);
        Assert.Contains("change-password", DemoForms.FormNames(await back.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task A_short_or_mistyped_new_password_is_refused_with_a_message()
    {
        using var demo = new DemoAppFactory();
        using var here = await demo.CreateLoggedInClientAsync("alice", "wonderland");

        var tooShort = await (await ChangeAsync(here, "wonderland", "short")).Content.ReadAsStringAsync();
        var mistyped = await (await ChangeAsync(here, "wonderland", "through-the-looking-glass", confirm: "through-the-looking-glas")).Content.ReadAsStringAsync();

        Assert.Contains("The new password needs at least 8 characters.", tooShort, StringComparison.Ordinal);
        Assert.Contains("The two new passwords differ.", mistyped, StringComparison.Ordinal);
        Assert.DoesNotContain("Your password was changed", tooShort + mistyped, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Anonymous_visit_is_sent_to_log_in()
    {
        using var demo = new DemoAppFactory();
        using var anonymous = demo.CreateBrowserLikeClient();

        using var response = await anonymous.GetAsync(new Uri(Page, UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/login?returnUrl=%2Faccount%2Fpassword", response.Headers.Location?.OriginalString);
    }

    private static string PasswordHashOf(DemoAppFactory demo, string userName)
    {
        using var connection = demo.OpenDatabase();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT password_hash FROM users WHERE user_name = $userName";
        command.Parameters.AddWithValue("$userName", userName);
        return (string)command.ExecuteScalar()!;
    }

    private static Task<HttpResponseMessage> ChangeAsync(HttpClient client, string current, string next, string? confirm = null) =>
        DemoForms.SubmitPageFormAsync(client, Page, "change-password", new Dictionary<string, string>
        {
            ["Input.CurrentPassword"] = current,
            ["Input.NewPassword"] = next,
            ["Input.ConfirmPassword"] = confirm ?? next,
        });
}
