using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using BlazorCookieAuth.Demo.Tests.TestHost;
using BlazorCookieAuth.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorCookieAuth.Demo.Tests.Components.Pages.Account;

/// <summary>
/// The WebAssembly account page as the server sends it: protected like /account, and carrying the signed-in user to
/// the browser without anything that lets script act as the user. What the browser does with it is in the browser tests.
/// </summary>
public sealed partial class WasmAccountPageTests(DemoAppFactory factory) : IClassFixture<DemoAppFactory>
{
    [Fact]
    public async Task Anonymous_visit_is_redirected_to_the_login_page_with_the_return_url()
    {
        using var client = factory.CreateBrowserLikeClient();

        using var response = await client.GetAsync(new Uri("/account/wasm", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal("/login?returnUrl=%2Faccount%2Fwasm", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task The_page_carries_the_user_for_WebAssembly_but_never_the_token_or_the_session_id()
    {
        using var client = factory.CreateBrowserLikeClient();
        using var login = await DemoForms.LogInAsync(client, "alice", "wonderland", returnUrl: "/account/wasm");
        var token = Regex.Match(DemoForms.AuthSetCookie(login)!, "^[^=]+=([^;]+)").Groups[1].Value;

        var html = await client.GetStringAsync(new Uri("/account/wasm", UriKind.Relative));
        var state = PersistedWebAssemblyState(html);

        using var kit = JsonDocument.Parse(state["BlazorCookieAuth.State"]);
        var user = kit.RootElement.GetProperty("user");
        var aliceId = UserIdOf("alice").ToString(CultureInfo.InvariantCulture);
        Assert.Equal(aliceId, user.GetProperty("authId").GetString());
        Assert.Equal("Alice Liddell", user.GetProperty("claims")[0].GetProperty("value").GetString());
        Assert.False(user.GetProperty("isPersistent").GetBoolean());
        Assert.Equal("/login", kit.RootElement.GetProperty("loginPath").GetString());
        Assert.Equal("/auth", kit.RootElement.GetProperty("endpointPrefix").GetString());

        var sessions = await factory.Services.GetRequiredService<IAuthSessionManager>().ListSessionsAsync(aliceId);
        var everything = string.Concat(state.Values);
        Assert.DoesNotContain(token, everything, StringComparison.Ordinal);
        // Every Data Protection payload (the antiforgery token in the page too) starts with the key ring's header; a slice
        // from the token's middle is the token's own.
        Assert.DoesNotContain(token.Substring(token.Length / 2, 16), everything, StringComparison.Ordinal);
        Assert.All(sessions, s => Assert.DoesNotContain(s.SessionId, everything, StringComparison.Ordinal));
        Assert.DoesNotContain("sessionid", everything, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_protected_api_answers_401_to_an_anonymous_call_and_the_user_to_a_signed_in_one()
    {
        using var anonymous = factory.CreateBrowserLikeClient();
        using var refused = await anonymous.GetAsync(new Uri("/api/me", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);

        using var client = await factory.CreateLoggedInClientAsync("bob", "canwefixit");
        using var answer = await client.GetAsync(new Uri("/api/me", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        using var body = JsonDocument.Parse(await answer.Content.ReadAsStringAsync());
        Assert.Equal(UserIdOf("bob").ToString(CultureInfo.InvariantCulture), body.RootElement.GetProperty("authId").GetString());
        Assert.Equal("Bob the Builder", body.RootElement.GetProperty("name").GetString());
    }

    [Fact]
    public async Task The_protected_api_answers_with_Cache_Control_no_store()
    {
        using var client = await factory.CreateLoggedInClientAsync("bob", "canwefixit");

        using var answer = await client.GetAsync(new Uri("/api/me", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.True(answer.Headers.CacheControl?.NoStore, $"Cache-Control: {answer.Headers.CacheControl}");
    }

    /// <summary>
    /// The state the framework wrote into the page for WebAssembly: a comment holding base64 JSON whose values are the
    /// base64 JSON of each key's state.
    /// </summary>
    private static Dictionary<string, string> PersistedWebAssemblyState(string html)
    {
        var comment = WebAssemblyStateComment().Match(html);
        Assert.True(comment.Success, "The page carries no state for WebAssembly.");
        var entries = JsonSerializer.Deserialize<Dictionary<string, string>>(Convert.FromBase64String(comment.Groups[1].Value))!;
        return entries.ToDictionary(e => e.Key, e => Encoding.UTF8.GetString(Convert.FromBase64String(e.Value)));
    }

    [GeneratedRegex("<!--Blazor-WebAssembly-Component-State:([A-Za-z0-9+/=]+)-->")]
    private static partial Regex WebAssemblyStateComment();

    private long UserIdOf(string userName)
    {
        using var connection = factory.OpenDatabase();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id FROM users WHERE user_name = $userName";
        command.Parameters.AddWithValue("$userName", userName);
        return (long)command.ExecuteScalar()!;
    }
}
