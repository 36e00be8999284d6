using System.Net;
using System.Text.Json.Nodes;
using BlazorCookieAuth.Passkeys.Tests.TestHost;
using BlazorCookieAuth.Tests.Shared;
using Microsoft.AspNetCore.WebUtilities;
using Bend = BlazorCookieAuth.Tests.Shared.SoftwareAuthenticator.Bend;

namespace BlazorCookieAuth.Passkeys.Tests.Endpoints;

/// <summary>Whole ceremonies over HTTP, answered by a software authenticator with real ES256 keys.</summary>
public sealed class PasskeyCeremonyTests : IAsyncLifetime, IDisposable
{
    private const string Origin = "https://localhost";

    private readonly SoftwareAuthenticator _authenticator = new();
    private PasskeyTestApp _app = null!;

    public async Task InitializeAsync() => _app = await PasskeyTestApp.StartAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    public void Dispose() => _authenticator.Dispose();

    [Fact]
    public async Task A_registered_passkey_signs_in_with_a_fresh_kit_session_and_lands_on_the_return_url()
    {
        var passkey = await RegisterAsync(TestPasskeyUsers.AliceId);
        using var browser = _app.CreateBrowser();

        using var response = await SignInAsync(browser, returnUrl: "/account/sessions");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await PasskeyBrowser.JsonOf(response);
        Assert.True(answer.GetProperty("authenticated").GetBoolean());
        Assert.Equal(TestPasskeyUsers.AliceId, answer.GetProperty("authId").GetString());
        Assert.Equal("/account/sessions", answer.GetProperty("returnUrl").GetString());
        Assert.Equal(TestPasskeyUsers.AliceId, await browser.WhoAmIAsync());
        // Fresh: the pages that need a recent login open without a password.
        using var fresh = await browser.PostJsonAsync("/auth/passkeys/register/options");
        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        var recorded = await _app.Store.FindAsync(passkey.CredentialId);
        Assert.Equal(1u, recorded!.SignCount);
        Assert.Equal(_app.Time.GetUtcNow(), recorded.LastUsedAt);
    }

    [Fact]
    public async Task Registration_keeps_the_key_the_counter_the_flags_and_the_transports()
    {
        using var browser = _app.CreateBrowser();
        await browser.LoginAsync(TestPasskeyUsers.AliceId);
        var options = JsonNode.Parse(await (await browser.PostJsonAsync("/auth/passkeys/register/options")).Content.ReadAsStringAsync())!;
        var credential = _authenticator.Create(options, Origin);

        using var response = await browser.PostJsonAsync("/auth/passkeys/register", new JsonObject { ["credential"] = credential, ["name"] = " Laptop " }.ToJsonString());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Laptop", (await PasskeyBrowser.JsonOf(response)).GetProperty("name").GetString());
        var key = _authenticator.Credentials[^1];
        var stored = Assert.Single(await _app.Store.ListAsync(TestPasskeyUsers.AliceId));
        Assert.Equal(key.Id, stored.CredentialId);
        Assert.Equal(key.CosePublicKey(), stored.PublicKey);
        Assert.Equal(0u, stored.SignCount);
        Assert.Equal(["internal"], stored.Transports);
        Assert.False(stored.IsBackupEligible);
        Assert.Equal(_app.Time.GetUtcNow(), stored.CreatedAt);
        Assert.Equal(TestPasskeyUsers.AliceId, await _app.Store.FindAuthIdAsync(key.UserHandle));
    }

    [Fact]
    public async Task A_synced_passkey_signs_in_again_and_again_with_a_zero_counter_and_shows_as_synced()
    {
        using var synced = new SoftwareAuthenticator { Synced = true };
        var passkey = await RegisterAsync(TestPasskeyUsers.AliceId, synced);
        using var browser = _app.CreateBrowser();

        using var first = await SignInAsync(browser, synced);
        using var second = await SignInAsync(browser, synced);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var stored = await _app.Store.FindAsync(passkey.CredentialId);
        Assert.Equal(0u, stored!.SignCount);
        Assert.True(stored.IsBackupEligible);
        Assert.True(stored.IsBackedUp);
    }

    [Theory]
    [InlineData("another origin")]
    [InlineData("another relying party")]
    [InlineData("no user verification")]
    [InlineData("no user presence")]
    public async Task A_sign_in_the_ceremony_rules_refuse_answers_as_an_unknown_passkey_does(string bent)
    {
        var bend = bent switch
        {
            "another origin" => new Bend { Origin = "https://evil.example" },
            "another relying party" => new Bend { RpId = "evil.example" },
            "no user verification" => new Bend { UserVerified = false },
            _ => new Bend { UserPresent = false },
        };
        await RegisterAsync(TestPasskeyUsers.AliceId);
        using var browser = _app.CreateBrowser();

        var refused = await AnswerOf(await SignInAsync(browser, bend: bend));
        var unknown = await AnswerOf(await SignInAsync(browser, bend: new Bend { UserHandle = [1, 2, 3] }));

        Assert.Equal(HttpStatusCode.Unauthorized, refused.Status);
        Assert.Equal(unknown, refused);
        Assert.Equal("anonymous", await browser.WhoAmIAsync());
    }

    [Fact]
    public async Task A_registration_the_ceremony_rules_refuse_keeps_nothing()
    {
        using var browser = _app.CreateBrowser();
        await browser.LoginAsync(TestPasskeyUsers.AliceId);

        foreach (var bend in new[] { new Bend { Origin = "https://evil.example" }, new Bend { RpId = "evil.example" }, new Bend { UserVerified = false } })
        {
            var options = JsonNode.Parse(await (await browser.PostJsonAsync("/auth/passkeys/register/options")).Content.ReadAsStringAsync())!;
            using var response = await browser.PostJsonAsync("/auth/passkeys/register", new JsonObject { ["credential"] = _authenticator.Create(options, Origin, bend) }.ToJsonString());

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("passkey_rejected", await PasskeyBrowser.ErrorOf(response));
        }

        Assert.Empty(await _app.Store.ListAsync(TestPasskeyUsers.AliceId));
    }

    [Fact]
    public async Task A_sign_count_that_goes_backwards_is_refused_and_logged()
    {
        var passkey = await RegisterAsync(TestPasskeyUsers.AliceId);
        using var browser = _app.CreateBrowser();
        (await SignInAsync(browser)).EnsureSuccessStatusCode();
        (await SignInAsync(browser)).EnsureSuccessStatusCode();

        using var cloned = await SignInAsync(browser, bend: new Bend { SignCount = 1 });

        Assert.Equal(HttpStatusCode.Unauthorized, cloned.StatusCode);
        Assert.Equal(2u, (await _app.Store.FindAsync(passkey.CredentialId))!.SignCount);
        var logged = Assert.Single(_app.Logs.Entries, e => e.EventId.Name == "PasskeySignCountWentBack");
        Assert.Equal(401, logged.EventId.Id);
        Assert.Contains(TestPasskeyUsers.AliceId, logged.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_replayed_answer_is_refused_under_a_new_challenge()
    {
        await RegisterAsync(TestPasskeyUsers.AliceId);
        using var browser = _app.CreateBrowser();
        var options = JsonNode.Parse(await (await browser.PostJsonAsync("/auth/passkeys/signin/options")).Content.ReadAsStringAsync())!;
        var body = new JsonObject { ["credential"] = _authenticator.Get(options, Origin) }.ToJsonString();
        (await browser.PostJsonAsync("/auth/passkeys/signin", body)).EnsureSuccessStatusCode();
        using var attacker = _app.CreateBrowser();
        (await attacker.PostJsonAsync("/auth/passkeys/signin/options")).EnsureSuccessStatusCode();

        using var replayed = await attacker.PostJsonAsync("/auth/passkeys/signin", body);

        Assert.Equal(HttpStatusCode.Unauthorized, replayed.StatusCode);
        Assert.Equal("anonymous", await attacker.WhoAmIAsync());
    }

    [Fact]
    public async Task A_passkey_does_not_sign_in_the_user_of_another_handle()
    {
        await RegisterAsync(TestPasskeyUsers.AliceId);
        var bobsHandle = await _app.Store.GetOrAddUserHandleAsync(TestPasskeyUsers.BobId, [9, 9, 9]);
        using var browser = _app.CreateBrowser();

        using var response = await SignInAsync(browser, bend: new Bend { UserHandle = bobsHandle });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("anonymous", await browser.WhoAmIAsync());
    }

    [Fact]
    public async Task A_removed_passkey_no_longer_signs_in_though_the_authenticator_keeps_the_key()
    {
        var passkey = await RegisterAsync(TestPasskeyUsers.AliceId);
        using var owner = _app.CreateBrowser();
        await owner.LoginAsync(TestPasskeyUsers.AliceId);
        (await owner.PostJsonAsync("/auth/passkeys/remove", $$"""{"id":"{{WebEncoders.Base64UrlEncode(passkey.CredentialId)}}"}""")).EnsureSuccessStatusCode();
        using var browser = _app.CreateBrowser();

        using var response = await SignInAsync(browser);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Single(_authenticator.Credentials);
        Assert.Equal("anonymous", await browser.WhoAmIAsync());
    }

    /// <summary>Registers a passkey of <paramref name="authId"/> on the authenticator, from a fresh login in a browser of its own.</summary>
    private async Task<StoredPasskey> RegisterAsync(string authId, SoftwareAuthenticator? authenticator = null)
    {
        authenticator ??= _authenticator;
        using var browser = _app.CreateBrowser();
        await browser.LoginAsync(authId);
        var options = JsonNode.Parse(await (await browser.PostJsonAsync("/auth/passkeys/register/options")).Content.ReadAsStringAsync())!;
        using var response = await browser.PostJsonAsync("/auth/passkeys/register", new JsonObject { ["credential"] = authenticator.Create(options, Origin) }.ToJsonString());
        response.EnsureSuccessStatusCode();
        return (await _app.Store.FindAsync(authenticator.Credentials[^1].Id))!;
    }

    /// <summary>Asks for sign-in options in <paramref name="browser"/> and answers them with the authenticator's newest passkey.</summary>
    private async Task<HttpResponseMessage> SignInAsync(PasskeyBrowser browser, SoftwareAuthenticator? authenticator = null, Bend? bend = null, string? returnUrl = null)
    {
        var options = JsonNode.Parse(await (await browser.PostJsonAsync("/auth/passkeys/signin/options")).Content.ReadAsStringAsync())!;
        var body = new JsonObject { ["credential"] = (authenticator ?? _authenticator).Get(options, Origin, bend: bend), ["returnUrl"] = returnUrl };
        return await browser.PostJsonAsync("/auth/passkeys/signin", body.ToJsonString());
    }

    /// <summary>The status and body of an answer, without its trace id, which differs every time.</summary>
    private static async Task<(HttpStatusCode Status, string Body)> AnswerOf(HttpResponseMessage response)
    {
        using (response)
        {
            var answer = await PasskeyBrowser.JsonOf(response);
            return (response.StatusCode, string.Join(",", answer.EnumerateObject().Where(p => p.Name != "traceId").Select(p => $"{p.Name}={p.Value.GetRawText()}")));
        }
    }
}
