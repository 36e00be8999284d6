using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using BlazorCookieAuth.Passkeys.Tests.TestHost;
using Microsoft.AspNetCore.WebUtilities;

namespace BlazorCookieAuth.Passkeys.Tests.Endpoints;

/// <summary>The passkey endpoints over HTTP, up to where a real authenticator's signature would be needed.</summary>
public sealed class PasskeyEndpointsTests : IAsyncLifetime
{
    private PasskeyTestApp _app = null!;

    public async Task InitializeAsync() => _app = await PasskeyTestApp.StartAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Theory]
    [InlineData("/auth/passkeys/signin/options")]
    [InlineData("/auth/passkeys/signin")]
    [InlineData("/auth/passkeys/register/options")]
    [InlineData("/auth/passkeys/register")]
    [InlineData("/auth/passkeys/rename")]
    [InlineData("/auth/passkeys/remove")]
    public async Task Every_change_needs_an_antiforgery_token(string path)
    {
        using var browser = _app.CreateBrowser();
        await browser.LoginAsync(TestPasskeyUsers.AliceId);

        using var response = await browser.PostJsonAsync(path, "{}", withAntiforgery: false);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("antiforgery", await PasskeyBrowser.ErrorOf(response));
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
    }

    [Theory]
    [InlineData("/auth/passkeys/signin/options")]
    [InlineData("/auth/passkeys/signin")]
    [InlineData("/auth/passkeys/register")]
    [InlineData("/auth/passkeys/remove")]
    public async Task The_post_endpoints_answer_GET_with_405(string path)
    {
        using var browser = _app.CreateBrowser();

        using var response = await browser.Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal("POST", response.Content.Headers.Allow.Single());
    }

    [Fact]
    public async Task Sign_in_options_ask_for_user_verification_with_a_fresh_random_challenge_kept_in_a_cookie()
    {
        using var browser = _app.CreateBrowser();

        using var first = await browser.PostJsonAsync("/auth/passkeys/signin/options");
        using var second = await browser.PostJsonAsync("/auth/passkeys/signin/options");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("no-store", first.Headers.CacheControl?.ToString());
        var options = await PasskeyBrowser.JsonOf(first);
        Assert.Equal("localhost", options.GetProperty("rpId").GetString());
        Assert.Equal("required", options.GetProperty("userVerification").GetString());
        Assert.Equal(0, options.GetProperty("allowCredentials").GetArrayLength());
        Assert.Equal(120_000, options.GetProperty("timeout").GetInt32());
        var challenge = WebEncoders.Base64UrlDecode(options.GetProperty("challenge").GetString()!);
        Assert.Equal(32, challenge.Length);
        Assert.NotEqual(challenge, WebEncoders.Base64UrlDecode((await PasskeyBrowser.JsonOf(second)).GetProperty("challenge").GetString()!));
        Assert.Contains(first.Headers.GetValues("Set-Cookie"), c => c.Contains(".passkey-signin=", StringComparison.Ordinal) && c.Contains("samesite=strict", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task A_sign_in_from_a_browser_that_asked_for_no_challenge_is_refused()
    {
        using var asked = _app.CreateBrowser();
        using var other = _app.CreateBrowser();
        await asked.PostJsonAsync("/auth/passkeys/signin/options");

        using var response = await other.PostJsonAsync("/auth/passkeys/signin", SignIn(RandomNumberGenerator.GetBytes(32), RandomNumberGenerator.GetBytes(32)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("passkey_challenge", await PasskeyBrowser.ErrorOf(response));
        Assert.Equal("anonymous", await other.WhoAmIAsync());
    }

    [Fact]
    public async Task Unknown_user_handles_and_unknown_credentials_of_a_known_user_answer_alike()
    {
        var alicesHandle = await _app.Store.GetOrAddUserHandleAsync(TestPasskeyUsers.AliceId, RandomNumberGenerator.GetBytes(32));
        using var browser = _app.CreateBrowser();

        var unknownHandle = await SignInAsync(browser, SignIn(RandomNumberGenerator.GetBytes(32), RandomNumberGenerator.GetBytes(32)));
        var unknownCredential = await SignInAsync(browser, SignIn(RandomNumberGenerator.GetBytes(32), alicesHandle));
        var noHandle = await SignInAsync(browser, SignIn(RandomNumberGenerator.GetBytes(32), userHandle: null));

        Assert.All([unknownHandle, unknownCredential, noHandle], answer =>
        {
            Assert.Equal(HttpStatusCode.Unauthorized, answer.Status);
            Assert.Equal(unknownHandle.Body, answer.Body);
        });
        Assert.Contains("invalid_credentials", unknownHandle.Body, StringComparison.Ordinal);
        Assert.Equal("anonymous", await browser.WhoAmIAsync());
    }

    [Fact]
    public async Task Failed_passkey_sign_ins_count_against_the_clients_failure_limit()
    {
        await using var app = await PasskeyTestApp.StartAsync(o => o.LoginFailureLimit = 3);
        var alicesHandle = await app.Store.GetOrAddUserHandleAsync(TestPasskeyUsers.AliceId, RandomNumberGenerator.GetBytes(32));
        using var browser = app.CreateBrowser();

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            answers.Add((await SignInAsync(browser, SignIn(RandomNumberGenerator.GetBytes(32), alicesHandle))).Status);
        }

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests], answers);
    }

    [Fact]
    public async Task Passkey_requests_count_against_the_login_request_limit()
    {
        using var browser = _app.CreateBrowser();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 61; i++)
        {
            using var response = await browser.PostJsonAsync("/auth/passkeys/signin/options");
            statuses.Add(response.StatusCode);
        }

        Assert.All(statuses.Take(60), s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[60]);
    }

    [Fact]
    public async Task Registration_needs_a_login()
    {
        using var browser = _app.CreateBrowser();

        using var response = await browser.PostJsonAsync("/auth/passkeys/register/options");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("login_required", await PasskeyBrowser.ErrorOf(response));
    }

    [Fact]
    public async Task Registration_rename_and_removal_need_a_fresh_login()
    {
        var passkey = await AddPasskeyAsync(TestPasskeyUsers.AliceId);
        using var browser = _app.CreateBrowser();
        await browser.LoginAsync(TestPasskeyUsers.AliceId);

        _app.Time.Advance(BlazorCookieAuthDefaults.FreshLoginMaxAge + TimeSpan.FromSeconds(1));

        var id = WebEncoders.Base64UrlEncode(passkey.CredentialId);
        using var options = await browser.PostJsonAsync("/auth/passkeys/register/options");
        using var rename = await browser.PostJsonAsync("/auth/passkeys/rename", $$"""{"id":"{{id}}","name":"new"}""");
        using var remove = await browser.PostJsonAsync("/auth/passkeys/remove", $$"""{"id":"{{id}}"}""");
        foreach (var response in new[] { options, rename, remove })
        {
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Equal("fresh_login_required", await PasskeyBrowser.ErrorOf(response));
        }

        Assert.Equal("Passkey", (await _app.Store.FindAsync(passkey.CredentialId))!.Name);
        Assert.Equal(TestPasskeyUsers.AliceId, await browser.WhoAmIAsync());
    }

    [Fact]
    public async Task Registration_options_give_the_users_random_handle_not_the_auth_id_and_exclude_their_passkeys()
    {
        var existing = await AddPasskeyAsync(TestPasskeyUsers.AliceId);
        using var browser = _app.CreateBrowser();
        await browser.LoginAsync(TestPasskeyUsers.AliceId);

        var first = await PasskeyBrowser.JsonOf(await browser.PostJsonAsync("/auth/passkeys/register/options"));
        var second = await PasskeyBrowser.JsonOf(await browser.PostJsonAsync("/auth/passkeys/register/options"));

        var handle = WebEncoders.Base64UrlDecode(first.GetProperty("user").GetProperty("id").GetString()!);
        Assert.Equal(32, handle.Length);
        Assert.NotEqual(System.Text.Encoding.UTF8.GetBytes(TestPasskeyUsers.AliceId), handle);
        Assert.Equal(TestPasskeyUsers.AliceId, await _app.Store.FindAuthIdAsync(handle));
        Assert.Equal(first.GetProperty("user").GetProperty("id").GetString(), second.GetProperty("user").GetProperty("id").GetString());
        Assert.Equal("localhost", first.GetProperty("rp").GetProperty("id").GetString());
        Assert.Equal("required", first.GetProperty("authenticatorSelection").GetProperty("userVerification").GetString());
        Assert.Equal("required", first.GetProperty("authenticatorSelection").GetProperty("residentKey").GetString());
        Assert.Equal("none", first.GetProperty("attestation").GetString());
        Assert.Equal([-7, -8, -257], first.GetProperty("pubKeyCredParams").EnumerateArray().Select(p => p.GetProperty("alg").GetInt32()));
        var excluded = Assert.Single(first.GetProperty("excludeCredentials").EnumerateArray());
        Assert.Equal(WebEncoders.Base64UrlEncode(existing.CredentialId), excluded.GetProperty("id").GetString());
    }

    [Fact]
    public async Task A_registration_without_its_challenge_is_refused()
    {
        using var browser = _app.CreateBrowser();
        await browser.LoginAsync(TestPasskeyUsers.AliceId);

        using var response = await browser.PostJsonAsync("/auth/passkeys/register", Registration());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("passkey_challenge", await PasskeyBrowser.ErrorOf(response));
        Assert.Empty(await _app.Store.ListAsync(TestPasskeyUsers.AliceId));
    }

    [Fact]
    public async Task A_registration_challenge_made_for_one_user_is_no_good_for_another_in_the_same_browser()
    {
        using var browser = _app.CreateBrowser();
        await browser.LoginAsync(TestPasskeyUsers.AliceId);
        (await browser.PostJsonAsync("/auth/passkeys/register/options")).EnsureSuccessStatusCode();
        await browser.LoginAsync(TestPasskeyUsers.BobId);

        using var response = await browser.PostJsonAsync("/auth/passkeys/register", Registration());

        Assert.Equal("passkey_challenge", await PasskeyBrowser.ErrorOf(response));
    }

    [Fact]
    public async Task The_list_shows_the_users_own_passkeys_only()
    {
        var alices = await AddPasskeyAsync(TestPasskeyUsers.AliceId);
        await AddPasskeyAsync(TestPasskeyUsers.BobId);
        using var browser = _app.CreateBrowser();
        await browser.LoginAsync(TestPasskeyUsers.AliceId);

        using var response = await browser.Client.GetAsync("/auth/passkeys");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var only = Assert.Single((await PasskeyBrowser.JsonOf(response)).EnumerateArray());
        Assert.Equal(WebEncoders.Base64UrlEncode(alices.CredentialId), only.GetProperty("id").GetString());
        Assert.Equal("Passkey", only.GetProperty("name").GetString());
        Assert.True(only.GetProperty("isBackedUp").GetBoolean());
    }

    [Fact]
    public async Task The_list_needs_a_login()
    {
        using var browser = _app.CreateBrowser();

        using var response = await browser.Client.GetAsync("/auth/passkeys");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_user_renames_their_own_passkey_but_not_anothers()
    {
        var alices = await AddPasskeyAsync(TestPasskeyUsers.AliceId);
        var bobs = await AddPasskeyAsync(TestPasskeyUsers.BobId);
        using var browser = _app.CreateBrowser();
        await browser.LoginAsync(TestPasskeyUsers.AliceId);

        using var own = await browser.PostJsonAsync("/auth/passkeys/rename", $$"""{"id":"{{WebEncoders.Base64UrlEncode(alices.CredentialId)}}","name":"  Work laptop  "}""");
        using var others = await browser.PostJsonAsync("/auth/passkeys/rename", $$"""{"id":"{{WebEncoders.Base64UrlEncode(bobs.CredentialId)}}","name":"mine now"}""");
        using var tooLong = await browser.PostJsonAsync("/auth/passkeys/rename", $$"""{"id":"{{WebEncoders.Base64UrlEncode(alices.CredentialId)}}","name":"{{new string('x', 65)}}"}""");

        Assert.Equal(HttpStatusCode.NoContent, own.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, others.StatusCode);
        Assert.Equal("invalid_name", await PasskeyBrowser.ErrorOf(tooLong));
        Assert.Equal("Work laptop", (await _app.Store.FindAsync(alices.CredentialId))!.Name);
        Assert.Equal("Passkey", (await _app.Store.FindAsync(bobs.CredentialId))!.Name);
    }

    [Fact]
    public async Task Removing_a_passkey_keeps_the_sessions_it_did_not_start()
    {
        var passkey = await AddPasskeyAsync(TestPasskeyUsers.AliceId);
        var bobs = await AddPasskeyAsync(TestPasskeyUsers.BobId);
        using var elsewhere = _app.CreateBrowser();
        using var bob = _app.CreateBrowser();
        using var browser = _app.CreateBrowser();
        await elsewhere.LoginAsync(TestPasskeyUsers.AliceId);
        await bob.LoginAsync(TestPasskeyUsers.BobId);
        await browser.LoginAsync(TestPasskeyUsers.AliceId);

        using var others = await browser.PostJsonAsync("/auth/passkeys/remove", $$"""{"id":"{{WebEncoders.Base64UrlEncode(bobs.CredentialId)}}"}""");
        using var removed = await browser.PostJsonAsync("/auth/passkeys/remove", $$"""{"id":"{{WebEncoders.Base64UrlEncode(passkey.CredentialId)}}"}""");

        Assert.Equal(HttpStatusCode.NotFound, others.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        Assert.Null(await _app.Store.FindAsync(passkey.CredentialId));
        Assert.NotNull(await _app.Store.FindAsync(bobs.CredentialId));
        // Both of alice's sessions began with a password login, so neither was the passkey's to end.
        Assert.Equal(TestPasskeyUsers.AliceId, await elsewhere.WhoAmIAsync());
        Assert.Equal(TestPasskeyUsers.AliceId, await browser.WhoAmIAsync());
        Assert.Equal(TestPasskeyUsers.BobId, await bob.WhoAmIAsync());
    }

    [Fact]
    public async Task A_user_without_a_password_cant_remove_their_last_passkey_but_can_remove_one_of_two()
    {
        var first = await AddPasskeyAsync(TestPasskeyUsers.BobId);
        var second = await AddPasskeyAsync(TestPasskeyUsers.BobId);
        using var browser = _app.CreateBrowser();
        await browser.LoginAsync(TestPasskeyUsers.BobId);

        using var oneOfTwo = await browser.PostJsonAsync("/auth/passkeys/remove", $$"""{"id":"{{WebEncoders.Base64UrlEncode(first.CredentialId)}}"}""");
        using var last = await browser.PostJsonAsync("/auth/passkeys/remove", $$"""{"id":"{{WebEncoders.Base64UrlEncode(second.CredentialId)}}"}""");

        Assert.Equal(HttpStatusCode.NoContent, oneOfTwo.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, last.StatusCode);
        Assert.Equal("last_sign_in", await PasskeyBrowser.ErrorOf(last));
        Assert.NotNull(await _app.Store.FindAsync(second.CredentialId));
    }

    [Fact]
    public async Task A_user_with_a_password_can_remove_their_last_passkey()
    {
        var only = await AddPasskeyAsync(TestPasskeyUsers.AliceId);
        using var browser = _app.CreateBrowser();
        await browser.LoginAsync(TestPasskeyUsers.AliceId);

        using var response = await browser.PostJsonAsync("/auth/passkeys/remove", $$"""{"id":"{{WebEncoders.Base64UrlEncode(only.CredentialId)}}"}""");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Empty(await _app.Store.ListAsync(TestPasskeyUsers.AliceId));
    }

    [Theory]
    [InlineData("""{"id":"not base64url!"}""")]
    [InlineData("""{}""")]
    [InlineData("""not json""")]
    public async Task An_unreadable_change_is_refused(string body)
    {
        using var browser = _app.CreateBrowser();
        await browser.LoginAsync(TestPasskeyUsers.AliceId);

        using var response = await browser.PostJsonAsync("/auth/passkeys/remove", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_request", await PasskeyBrowser.ErrorOf(response));
    }

    /// <summary>Asks for sign-in options, then signs in with <paramref name="body"/>: the status and body of the answer.</summary>
    private static async Task<(HttpStatusCode Status, string Body)> SignInAsync(PasskeyBrowser browser, string body)
    {
        (await browser.PostJsonAsync("/auth/passkeys/signin/options")).EnsureSuccessStatusCode();
        using var response = await browser.PostJsonAsync("/auth/passkeys/signin", body);
        // Every answer carries its own trace id; the rest must be the same.
        var answer = await PasskeyBrowser.JsonOf(response);
        var fields = answer.EnumerateObject().Where(p => p.Name != "traceId").Select(p => $"{p.Name}={p.Value.GetRawText()}");
        return (response.StatusCode, string.Join(",", fields));
    }

    /// <summary>
    /// A sign-in body shaped as the browser sends it, whose signature no key made: enough to reach the checks that come
    /// before the signature's.
    /// </summary>
    private static string SignIn(byte[] credentialId, byte[]? userHandle)
    {
        var id = WebEncoders.Base64UrlEncode(credentialId);
        var response = new Dictionary<string, string>
        {
            ["clientDataJSON"] = WebEncoders.Base64UrlEncode("""{"type":"webauthn.get","challenge":"AAAA","origin":"https://localhost"}"""u8.ToArray()),
            ["authenticatorData"] = WebEncoders.Base64UrlEncode(new byte[37]),
            ["signature"] = WebEncoders.Base64UrlEncode(new byte[64]),
        };
        if (userHandle is not null)
        {
            response["userHandle"] = WebEncoders.Base64UrlEncode(userHandle);
        }

        return JsonSerializer.Serialize(new
        {
            credential = new { id, rawId = id, type = "public-key", response, clientExtensionResults = new { } },
            returnUrl = "/account",
        });
    }

    /// <summary>A registration body shaped as the browser sends it, which no authenticator made.</summary>
    private static string Registration()
    {
        var id = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        return JsonSerializer.Serialize(new
        {
            credential = new
            {
                id,
                rawId = id,
                type = "public-key",
                response = new
                {
                    clientDataJSON = WebEncoders.Base64UrlEncode("""{"type":"webauthn.create","challenge":"AAAA","origin":"https://localhost"}"""u8.ToArray()),
                    attestationObject = WebEncoders.Base64UrlEncode(new byte[16]),
                },
                clientExtensionResults = new { },
            },
            name = "Laptop",
        });
    }

    private async Task<StoredPasskey> AddPasskeyAsync(string authId)
    {
        var passkey = new StoredPasskey
        {
            CredentialId = RandomNumberGenerator.GetBytes(32),
            AuthId = authId,
            PublicKey = RandomNumberGenerator.GetBytes(77),
            Name = "Passkey",
            CreatedAt = _app.Time.GetUtcNow(),
            IsBackupEligible = true,
            IsBackedUp = true,
        };
        Assert.True(await _app.Store.AddAsync(passkey));
        return passkey;
    }
}
