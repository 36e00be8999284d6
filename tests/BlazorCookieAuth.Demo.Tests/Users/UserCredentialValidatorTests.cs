using System.Net;
using BlazorCookieAuth.Demo.Tests.TestHost;
using BlazorCookieAuth.Demo.Users;
using BlazorCookieAuth.Tests.Shared;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace BlazorCookieAuth.Demo.Tests.Users;

/// <summary>The demo's credential check, seen through the login form as a browser posts it.</summary>
public sealed class UserCredentialValidatorTests(DemoAppFactory factory) : IClassFixture<DemoAppFactory>
{
    [Fact]
    public async Task Correct_login_sets_a_host_only_session_cookie_and_redirects_to_the_return_url()
    {
        using var client = factory.CreateBrowserLikeClient();

        using var response = await DemoForms.LogInAsync(client, "alice", "wonderland", returnUrl: "/account");

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal("/account", response.Headers.Location?.OriginalString);
        var setCookie = DemoForms.AuthSetCookie(response);
        Assert.NotNull(setCookie);
        var attributes = setCookie.Split("; ").Skip(1).ToArray();
        Assert.Equal(["path=/", "secure", "samesite=lax", "httponly"], attributes);
    }

    [Fact]
    public async Task Remembered_login_sets_a_cookie_that_lasts_a_year()
    {
        using var client = factory.CreateBrowserLikeClient();

        using var response = await DemoForms.LogInAsync(client, "bob", "canwefixit", remember: true);

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
        Assert.Contains("max-age=31536000", DemoForms.AuthSetCookie(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wrong_password_redirects_back_to_the_login_page_with_the_error_and_sets_no_cookie()
    {
        using var client = factory.CreateBrowserLikeClient();

        using var response = await DemoForms.LogInAsync(client, "alice", "Wonderland", returnUrl: "/account");

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal("/login?error=1&returnUrl=%2Faccount", response.Headers.Location?.OriginalString);
        Assert.Null(DemoForms.AuthSetCookie(response));
        using var account = await client.GetAsync(new Uri("/account", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Found, account.StatusCode);
    }

    [Fact]
    public async Task Unknown_username_gets_the_same_answer_as_a_wrong_password()
    {
        using var client = factory.CreateBrowserLikeClient();

        using var wrongPassword = await DemoForms.LogInAsync(client, "alice", "guess", returnUrl: "/account");
        using var unknownUser = await DemoForms.LogInAsync(client, "mallory", "guess", returnUrl: "/account");

        Assert.Equal(wrongPassword.StatusCode, unknownUser.StatusCode);
        Assert.Equal(wrongPassword.Headers.Location, unknownUser.Headers.Location);
        Assert.Null(DemoForms.AuthSetCookie(unknownUser));
    }

    [Fact]
    public async Task Usernames_ignore_case()
    {
        using var client = factory.CreateBrowserLikeClient();

        using var response = await DemoForms.LogInAsync(client, "ALICE", "wonderland");

        Assert.Equal("/", response.Headers.Location?.OriginalString);
        Assert.NotNull(DemoForms.AuthSetCookie(response));
    }

    [Fact]
    public async Task Logging_in_upgrades_a_password_hash_of_an_older_format()
    {
        using var client = factory.CreateBrowserLikeClient();
        var oldHasher = new PasswordHasher<AppUser>(Options.Create(new PasswordHasherOptions
        {
            CompatibilityMode = PasswordHasherCompatibilityMode.IdentityV2,
        }));
        var oldHash = oldHasher.HashPassword(new AppUser(string.Empty, "carol", "Carol", string.Empty, []), "carols-password");
        AddUser("carol", "Carol", oldHash);

        using var response = await DemoForms.LogInAsync(client, "carol", "carols-password");

        Assert.NotNull(DemoForms.AuthSetCookie(response));
        var newHash = PasswordHashOf("carol");
        Assert.NotEqual(oldHash, newHash);
        Assert.Equal(0x01, Convert.FromBase64String(newHash)[0]);
        using var secondClient = factory.CreateBrowserLikeClient();
        using var again = await DemoForms.LogInAsync(secondClient, "carol", "carols-password");
        Assert.NotNull(DemoForms.AuthSetCookie(again));
    }

    private void AddUser(string userName, string displayName, string passwordHash)
    {
        using var connection = factory.OpenDatabase();
        using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO users (user_name, display_name, password_hash, roles) VALUES ($userName, $displayName, $passwordHash, '')";
        command.Parameters.AddWithValue("$userName", userName);
        command.Parameters.AddWithValue("$displayName", displayName);
        command.Parameters.AddWithValue("$passwordHash", passwordHash);
        command.ExecuteNonQuery();
    }

    private string PasswordHashOf(string userName)
    {
        using var connection = factory.OpenDatabase();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT password_hash FROM users WHERE user_name = $userName";
        command.Parameters.AddWithValue("$userName", userName);
        return (string)command.ExecuteScalar()!;
    }
}
