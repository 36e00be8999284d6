using System.Net;
using BlazorCookieAuth.Demo.Tests.TestHost;
using BlazorCookieAuth.Tests.Shared;

namespace BlazorCookieAuth.Demo.Tests.Components.Pages.Account;

/// <summary>/account/delete, and users deleted behind the app's back: each test starts a demo of its own.</summary>
public sealed class DeletePageTests
{
    private const string Page = "/account/delete";

    [Fact]
    public async Task Deleting_the_account_ends_all_its_sessions_and_deletes_the_cookie()
    {
        using var demo = new DemoAppFactory();
        using var here = await demo.CreateLoggedInClientAsync("bob", "canwefixit");
        using var other = await demo.CreateLoggedInClientAsync("bob", "canwefixit");

        using var response = await DemoForms.SubmitPageFormAsync(here, Page, "delete-account", new Dictionary<string, string> { ["Password"] = "canwefixit" });

        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"The delete answered {(int)response.StatusCode}:\n{await response.Content.ReadAsStringAsync()}");
        Assert.Equal(new Uri("https://localhost/"), response.Headers.Location);
        Assert.StartsWith(DemoForms.AuthCookieName + "=;", DemoForms.AuthSetCookie(response), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Found, await DemoForms.StatusOfAsync(other, "/account"));
        Assert.Equal(HttpStatusCode.Found, await DemoForms.StatusOfAsync(here, "/account"));
        Assert.Null(UserIdOf(demo, "bob"));
    }

    [Fact]
    public async Task A_wrong_password_deletes_nothing()
    {
        using var demo = new DemoAppFactory();
        using var here = await demo.CreateLoggedInClientAsync("bob", "canwefixit");

        using var response = await DemoForms.SubmitPageFormAsync(here, Page, "delete-account", new Dictionary<string, string> { ["Password"] = "guess" });

        Assert.Contains("The password is wrong.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.NotNull(UserIdOf(demo, "bob"));
        Assert.Equal(HttpStatusCode.OK, await DemoForms.StatusOfAsync(here, "/account"));
    }

    [Fact]
    public async Task A_remembered_login_restored_without_its_browser_session_cookie_confirms_the_password_first()
    {
        using var demo = new DemoAppFactory();
        using var browser = demo.CreateBrowserLikeClient();
        using var login = await DemoForms.LogInAsync(browser, "bob", "canwefixit", remember: true);
        using var restarted = demo.CreateBrowserLikeClient(DemoForms.AuthSetCookie(login)!.Split(';')[0]);

        using var stale = await restarted.GetAsync(new Uri(Page, UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, stale.StatusCode);
        Assert.Equal("/reauthenticate?returnUrl=%2Faccount%2Fdelete", stale.Headers.Location?.OriginalString);
        Assert.NotNull(UserIdOf(demo, "bob"));
    }

    [Fact]
    public async Task A_user_deleted_straight_from_the_database_is_logged_out_and_a_new_user_never_gets_the_old_id()
    {
        using var demo = new DemoAppFactory();
        using var bob = await demo.CreateLoggedInClientAsync("bob", "canwefixit");
        var bobId = UserIdOf(demo, "bob");
        Execute(demo, "DELETE FROM users WHERE user_name = 'bob'");

        // The demo's user loader no longer finds bob, so his cookie is refused even though his session lives on.
        Assert.Equal(HttpStatusCode.Found, await DemoForms.StatusOfAsync(bob, "/account"));

        // A restart seeds bob again; AUTOINCREMENT gives him a new id, so the old cookie can't open the new account.
        using (var restarted = demo.WithWebHostBuilder(_ => { }))
        {
            _ = restarted.Services;
        }

        Assert.NotNull(UserIdOf(demo, "bob"));
        Assert.NotEqual(bobId, UserIdOf(demo, "bob"));
        Assert.Equal(HttpStatusCode.Found, await DemoForms.StatusOfAsync(bob, "/account"));
    }

    private static long? UserIdOf(DemoAppFactory demo, string userName)
    {
        using var connection = demo.OpenDatabase();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id FROM users WHERE user_name = $userName";
        command.Parameters.AddWithValue("$userName", userName);
        return (long?)command.ExecuteScalar();
    }

    private static void Execute(DemoAppFactory demo, string sql)
    {
        using var connection = demo.OpenDatabase();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
