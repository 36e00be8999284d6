using System.Globalization;
using System.Net;
using BlazorCookieAuth.Demo.Tests.TestHost;
using BlazorCookieAuth.Testing;
using BlazorCookieAuth.Tests.Shared;

namespace BlazorCookieAuth.Demo.Tests.Components.Pages.Account;

public sealed class AccountPageTests(DemoAppFactory factory) : IClassFixture<DemoAppFactory>
{
    [Fact]
    public async Task Anonymous_visit_is_redirected_to_the_login_page_with_the_return_url()
    {
        using var client = factory.CreateBrowserLikeClient();

        using var response = await client.GetAsync(new Uri("/account", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal("/login?returnUrl=%2Faccount", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task After_logging_in_through_the_form_the_page_shows_the_users_name_and_auth_id()
    {
        using var client = factory.CreateBrowserLikeClient();
        using var login = await DemoForms.LogInAsync(client, "alice", "wonderland", returnUrl: "/account");
        Assert.Equal(HttpStatusCode.SeeOther, login.StatusCode);

        using var response = await client.GetAsync(new Uri("/account", UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("""<dd class="display-name">Alice Liddell</dd>""", html, StringComparison.Ordinal);
        Assert.Contains($"""<dd class="auth-id">{UserIdOf("alice")}</dd>""", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Interactive_button_is_disabled_until_the_circuit_starts()
    {
        using var client = await factory.CreateAuthenticatedClientAsync(UserIdOf("bob").ToString(CultureInfo.InvariantCulture));

        var html = await client.GetStringAsync(new Uri("/account", UriKind.Relative));

        Assert.Contains("""<button class="click" disabled>Click me</button>""", html, StringComparison.Ordinal);
        Assert.Contains("<!--Blazor:", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_client_signed_in_by_the_testing_library_sees_its_auth_id()
    {
        var bobId = UserIdOf("bob").ToString(CultureInfo.InvariantCulture);
        using var client = await factory.CreateAuthenticatedClientAsync(bobId);

        using var response = await client.GetAsync(new Uri("/account", UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"""<dd class="auth-id">{bobId}</dd>""", html, StringComparison.Ordinal);
        Assert.Contains("""<a href="account/sessions">Your sessions</a>""", html, StringComparison.Ordinal);
    }

    private long UserIdOf(string userName)
    {
        using var connection = factory.OpenDatabase();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id FROM users WHERE user_name = $userName";
        command.Parameters.AddWithValue("$userName", userName);
        return (long)command.ExecuteScalar()!;
    }
}
