using System.Net;
using System.Text.Json.Nodes;
using BlazorCookieAuth.EntityFrameworkCore.Tests.TestHost;
using BlazorCookieAuth.Passkeys.EntityFrameworkCore.Tests.TestHost;
using BlazorCookieAuth.Passkeys.Tests.TestHost;
using BlazorCookieAuth.Tests.Shared;

namespace BlazorCookieAuth.Passkeys.EntityFrameworkCore.Tests;

/// <summary>Whole ceremonies over HTTP against an app that keeps passkeys in a SQLite file, across restarts.</summary>
public sealed class PasskeyStoreAppTests : IDisposable
{
    public static readonly DateTimeOffset Start = new(2030, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private const string Origin = "https://localhost";

    private readonly SqliteFile _database = new();
    private readonly SoftwareAuthenticator _authenticator = new();
    private readonly TestClock _time = new(Start);

    public void Dispose()
    {
        _authenticator.Dispose();
        _database.Dispose();
    }

    [Fact]
    public async Task A_passkey_registered_before_a_restart_signs_in_after_it_and_its_counter_is_kept()
    {
        await using (var before = await PasskeyStoreApp.StartAsync(_database, _time))
        {
            using var browser = before.CreateBrowser();
            await browser.LoginAsync(TestPasskeyUsers.AliceId);
            var options = JsonNode.Parse(await (await browser.PostJsonAsync("/auth/passkeys/register/options")).Content.ReadAsStringAsync())!;
            using var registered = await browser.PostJsonAsync(
                "/auth/passkeys/register", new JsonObject { ["credential"] = _authenticator.Create(options, Origin), ["name"] = "Laptop" }.ToJsonString());
            Assert.Equal(HttpStatusCode.OK, registered.StatusCode);
        }

        _time.Advance(TimeSpan.FromMinutes(5));
        await using (var after = await PasskeyStoreApp.StartAsync(_database, _time))
        {
            using var browser = after.CreateBrowser();

            using var signedIn = await SignInAsync(browser);

            Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
            Assert.Equal(TestPasskeyUsers.AliceId, (await PasskeyBrowser.JsonOf(signedIn)).GetProperty("authId").GetString());
            Assert.Equal(TestPasskeyUsers.AliceId, await browser.WhoAmIAsync());
            using var list = await browser.Client.GetAsync("/auth/passkeys");
            Assert.Equal(HttpStatusCode.OK, list.StatusCode);
            Assert.Contains("Laptop", await list.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        await using var again = await PasskeyStoreApp.StartAsync(_database, _time);
        var stored = await again.Store.FindAsync(_authenticator.Credentials[^1].Id);
        Assert.Equal(1u, stored!.SignCount);
        Assert.Equal(_time.GetUtcNow(), stored.LastUsedAt);
        // An answer that repeats the counter the database holds is refused after the restart as before it.
        using var browserAgain = again.CreateBrowser();
        using var replayed = await SignInAsync(browserAgain, new SoftwareAuthenticator.Bend { SignCount = 1 });
        Assert.Equal(HttpStatusCode.Unauthorized, replayed.StatusCode);
        Assert.Equal("anonymous", await browserAgain.WhoAmIAsync());
    }

    /// <summary>Asks for sign-in options in <paramref name="browser"/> and answers them with the authenticator's passkey.</summary>
    private async Task<HttpResponseMessage> SignInAsync(PasskeyBrowser browser, SoftwareAuthenticator.Bend? bend = null)
    {
        var options = JsonNode.Parse(await (await browser.PostJsonAsync("/auth/passkeys/signin/options")).Content.ReadAsStringAsync())!;
        var body = new JsonObject { ["credential"] = _authenticator.Get(options, Origin, bend: bend) };
        return await browser.PostJsonAsync("/auth/passkeys/signin", body.ToJsonString());
    }
}
