using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using BlazorCookieAuth.Passkeys.Tests.TestHost;
using BlazorCookieAuth.Tests.Shared;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace BlazorCookieAuth.Passkeys.Tests.Endpoints;

/// <summary>
/// The sessions a passkey started, over HTTP with software authenticators: each browser is one client with its own
/// cookies, and removing a passkey ends exactly the sessions it started.
/// </summary>
public sealed class PasskeySessionTests : IAsyncLifetime, IDisposable
{
    private const string Origin = "https://localhost";
    private const string Alice = TestPasskeyUsers.AliceId;

    private readonly SoftwareAuthenticator _laptop = new();
    private readonly SoftwareAuthenticator _phone = new();
    private readonly PausingPasskeyStore _store = new();
    private PasskeyTestApp _app = null!;

    public async Task InitializeAsync() => _app = await PasskeyTestApp.StartAsync(services: services =>
        services.Replace(ServiceDescriptor.Singleton<IPasskeyStore>(_store)));

    public async Task DisposeAsync() => await _app.DisposeAsync();

    public void Dispose()
    {
        _laptop.Dispose();
        _phone.Dispose();
    }

    [Fact]
    public async Task A_passkey_sign_in_records_a_hash_of_its_passkey_and_a_password_login_records_none()
    {
        var laptop = await RegisterAsync(_laptop);
        using var password = _app.CreateBrowser();
        await password.LoginAsync(Alice);
        using var passkey = _app.CreateBrowser();

        (await SignInAsync(passkey, _laptop)).EnsureSuccessStatusCode();

        var credentials = (await SessionsOfAliceAsync()).Select(s => s.Credential).ToList();
        Assert.Equal([null, SessionCredentialOf(laptop)], credentials);
        Assert.DoesNotContain(WebEncoders.Base64UrlEncode(laptop.CredentialId), credentials[1], StringComparison.Ordinal);
        Assert.True(credentials[1]!.Length <= AuthSessionRecord.MaxCredentialLength);
    }

    [Fact]
    public async Task Removing_a_passkey_ends_the_sessions_it_started_and_no_others()
    {
        var laptop = await RegisterAsync(_laptop);
        var phone = await RegisterAsync(_phone);
        using var withPassword = _app.CreateBrowser();
        using var withLaptop = _app.CreateBrowser();
        using var withPhone = _app.CreateBrowser();
        await withPassword.LoginAsync(Alice);
        (await SignInAsync(withLaptop, _laptop)).EnsureSuccessStatusCode();
        (await SignInAsync(withPhone, _phone)).EnsureSuccessStatusCode();

        using var removed = await RemoveAsync(withPassword, laptop);

        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        Assert.False(removed.Headers.Contains("Set-Cookie"));
        Assert.Equal(HttpStatusCode.Unauthorized, await SessionStatusAsync(withLaptop));
        Assert.Equal(HttpStatusCode.OK, await SessionStatusAsync(withPhone));
        Assert.Equal(HttpStatusCode.OK, await SessionStatusAsync(withPassword));
        Assert.Equal([null, SessionCredentialOf(phone)], (await SessionsOfAliceAsync()).Select(s => s.Credential));
        var logged = Assert.Single(_app.Logs.Entries, e => e.EventId.Name == "PasskeyRemoved");
        Assert.Contains("the 1 other sessions it started were ended", logged.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Removing_the_passkey_that_started_this_session_keeps_this_browser_signed_in_on_a_new_cookie()
    {
        var laptop = await RegisterAsync(_laptop);
        using var browser = _app.CreateBrowser();
        (await SignInAsync(browser, _laptop)).EnsureSuccessStatusCode();
        var before = browser.Cookies.GetCookies(PasskeyBrowser.BaseAddress).ToDictionary(c => c.Name, c => c.Value);

        using var removed = await RemoveAsync(browser, laptop);

        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        var rewritten = removed.Headers.GetValues("Set-Cookie")
            .Select(header => header.Split(';')[0].Split('=', 2))
            .Where(pair => before.ContainsKey(pair[0]) && pair[1].Length > 0)
            .ToList();
        Assert.NotEmpty(rewritten);
        Assert.All(rewritten, pair => Assert.NotEqual(before[pair[0]], pair[1]));
        Assert.Equal(HttpStatusCode.OK, await SessionStatusAsync(browser));
        var session = Assert.Single(await SessionsOfAliceAsync());
        Assert.Null(session.Credential);

        // Still fresh: the login it came from was checked when the passkey signed in, and still counts.
        using var fresh = await browser.PostJsonAsync("/auth/passkeys/register/options");
        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);

        // A copy of the old cookie is no good any more.
        using var copy = _app.CreateBrowser();
        foreach (var (name, value) in before)
        {
            copy.Cookies.Add(PasskeyBrowser.BaseAddress, new System.Net.Cookie(name, value));
        }

        Assert.Equal(HttpStatusCode.Unauthorized, await SessionStatusAsync(copy));
    }

    [Theory]
    [InlineData("RecordSignInAsync", 0)] // the passkey checked, its session not stored yet: the removal finds no session
    [InlineData("FindAsync", 1)] // the session stored, its check of the passkey not made yet: the removal ends it
    public async Task A_sign_in_racing_the_removal_of_its_passkey_is_refused_and_leaves_no_session(string pauseIn, int callsToLetThrough)
    {
        var laptop = await RegisterAsync(_laptop);
        using var owner = _app.CreateBrowser();
        await owner.LoginAsync(Alice);
        using var browser = _app.CreateBrowser();
        var options = JsonNode.Parse(await (await browser.PostJsonAsync("/auth/passkeys/signin/options")).Content.ReadAsStringAsync())!;
        var body = new JsonObject { ["credential"] = _laptop.Get(options, Origin) }.ToJsonString();

        _store.PauseIn(pauseIn, callsToLetThrough);
        var signingIn = browser.PostJsonAsync("/auth/passkeys/signin", body);
        await _store.Reached.WaitAsync(TimeSpan.FromSeconds(30));
        using var removed = await RemoveAsync(owner, laptop);
        _store.Release();
        using var signIn = await signingIn;

        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, signIn.StatusCode);
        Assert.Equal("invalid_credentials", await PasskeyBrowser.ErrorOf(signIn));
        Assert.Equal(HttpStatusCode.Unauthorized, await SessionStatusAsync(browser));
        Assert.Equal([null], (await SessionsOfAliceAsync()).Select(s => s.Credential));
        Assert.Contains(_app.Logs.Entries, e => e.EventId.Name == "PasskeySignInRefused" && e.Message.Contains("removed while it signed in", StringComparison.Ordinal));
        Assert.Contains(_app.Logs.Entries, e => e.EventId.Name == "LoginAfterCredentialsChanged");
    }

    /// <summary>What a session a passkey started keeps: <c>passkey:</c> and the base64url SHA-256 of its credential id.</summary>
    private static string SessionCredentialOf(StoredPasskey passkey) => "passkey:" + WebEncoders.Base64UrlEncode(SHA256.HashData(passkey.CredentialId));

    private static async Task<HttpStatusCode> SessionStatusAsync(PasskeyBrowser browser)
    {
        using var response = await browser.Client.GetAsync("/auth/session");
        return response.StatusCode;
    }

    private Task<IReadOnlyList<AuthSessionRecord>> SessionsOfAliceAsync() =>
        _app.App.Services.GetRequiredService<IAuthSessionManager>().ListSessionsAsync(Alice);

    private static Task<HttpResponseMessage> RemoveAsync(PasskeyBrowser browser, StoredPasskey passkey) =>
        browser.PostJsonAsync("/auth/passkeys/remove", $$"""{"id":"{{WebEncoders.Base64UrlEncode(passkey.CredentialId)}}"}""");

    /// <summary>Registers a passkey of alice on <paramref name="authenticator"/>, from a fresh password login in a browser of its own, since logged out.</summary>
    private async Task<StoredPasskey> RegisterAsync(SoftwareAuthenticator authenticator)
    {
        using var browser = _app.CreateBrowser();
        await browser.LoginAsync(Alice);
        var options = JsonNode.Parse(await (await browser.PostJsonAsync("/auth/passkeys/register/options")).Content.ReadAsStringAsync())!;
        using var response = await browser.PostJsonAsync("/auth/passkeys/register", new JsonObject { ["credential"] = authenticator.Create(options, Origin) }.ToJsonString());
        response.EnsureSuccessStatusCode();
        (await browser.PostJsonAsync("/auth/logout", """{"everywhere":false}""")).EnsureSuccessStatusCode();
        return (await _store.FindAsync(authenticator.Credentials[^1].Id))!;
    }

    /// <summary>Asks for sign-in options in <paramref name="browser"/> and answers them with the authenticator's passkey.</summary>
    private static async Task<HttpResponseMessage> SignInAsync(PasskeyBrowser browser, SoftwareAuthenticator authenticator)
    {
        var options = JsonNode.Parse(await (await browser.PostJsonAsync("/auth/passkeys/signin/options")).Content.ReadAsStringAsync())!;
        return await browser.PostJsonAsync("/auth/passkeys/signin", new JsonObject { ["credential"] = authenticator.Get(options, Origin) }.ToJsonString());
    }
}
