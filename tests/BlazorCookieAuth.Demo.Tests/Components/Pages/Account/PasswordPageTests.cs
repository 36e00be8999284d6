using System.Net;
using BlazorCookieAuth.Demo.Tests.TestHost;
using BlazorCookieAuth.Tests.Shared;

namespace BlazorCookieAuth.Demo.Tests.Components.Pages.Account;

/// <summary>/account/password: each test changes a password, so each starts a demo of its own.</summary>
public sealed class PasswordPageTests
{
    private const string Page = "/account/password";

    [Fact]
    public async Task Changing_the_password_ends_every_other_session_and_keeps_this_one()
    {
        using var demo = new DemoAppFactory();
        using var here = await demo.CreateLoggedInClientAsync("alice", "wonderland");
        using var other = await demo.CreateLoggedInClientAsync("alice", "wonderland");
        using var bob = demo.CreateBrowserLikeClient();
        using var bobLogin = await DemoForms.LogInAsync(bob, "bob", "canwefixit");

        using var response = await ChangeAsync(here, "wonderland", "through-the-looking-glass");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Your password was changed, and 1 other session was signed out.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, await DemoForms.StatusOfAsync(here, "/account"));
        Assert.Equal(HttpStatusCode.Found, await DemoForms.StatusOfAsync(other, "/account"));
        Assert.Equal(HttpStatusCode.OK, await DemoForms.StatusOfAsync(bob, "/account"));

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

        Assert.Contains("The current password is wrong.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, await DemoForms.StatusOfAsync(other, "/account"));
        using var fresh = demo.CreateBrowserLikeClient();
        using var login = await DemoForms.LogInAsync(fresh, "alice", "wonderland");
        Assert.Equal("/", login.Headers.Location?.OriginalString);
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

    private static Task<HttpResponseMessage> ChangeAsync(HttpClient client, string current, string next, string? confirm = null) =>
        DemoForms.SubmitPageFormAsync(client, Page, "change-password", new Dictionary<string, string>
        {
            ["Input.CurrentPassword"] = current,
            ["Input.NewPassword"] = next,
            ["Input.ConfirmPassword"] = confirm ?? next,
        });
}
