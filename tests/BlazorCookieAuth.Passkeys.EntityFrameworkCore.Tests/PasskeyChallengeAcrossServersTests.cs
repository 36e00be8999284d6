using System.Net;
using System.Text.Json.Nodes;
using BlazorCookieAuth.EntityFrameworkCore.Tests.TestHost;
using BlazorCookieAuth.Passkeys.EntityFrameworkCore.Tests.TestHost;
using BlazorCookieAuth.Passkeys.Tests.TestHost;
using BlazorCookieAuth.Tests.Shared;

namespace BlazorCookieAuth.Passkeys.EntityFrameworkCore.Tests;

/// <summary>
/// Two servers on one database (and one key ring): a challenge answered on one can't be answered again on the other,
/// even with a copy of the browser's challenge cookie and the very answer, because the used mark is in the database.
/// </summary>
public sealed class PasskeyChallengeAcrossServersTests : IDisposable
{
    private const string Origin = "https://localhost";

    private readonly SqliteFile _database = new();
    private readonly TestClock _time = new(PasskeyStoreAppTests.Start);

    // Synced: its counter stays 0, so the counter can't be what refuses the replay.
    private readonly SoftwareAuthenticator _authenticator = new() { Synced = true };

    public void Dispose()
    {
        _authenticator.Dispose();
        _database.Dispose();
    }

    [Fact]
    public async Task An_answer_taken_on_one_server_is_refused_on_the_other_with_a_copy_of_the_challenge_cookie()
    {
        await using var first = await PasskeyStoreApp.StartAsync(_database, _time);
        await using var second = await PasskeyStoreApp.StartAsync(_database, _time);
        using var owner = first.CreateBrowser();
        await owner.LoginAsync(TestPasskeyUsers.AliceId);
        var registration = JsonNode.Parse(await (await owner.PostJsonAsync("/auth/passkeys/register/options")).Content.ReadAsStringAsync())!;
        (await owner.PostJsonAsync("/auth/passkeys/register", new JsonObject { ["credential"] = _authenticator.Create(registration, Origin) }.ToJsonString()))
            .EnsureSuccessStatusCode();

        using var browser = first.CreateBrowser();
        var options = JsonNode.Parse(await (await browser.PostJsonAsync("/auth/passkeys/signin/options")).Content.ReadAsStringAsync())!;
        var answer = new JsonObject { ["credential"] = _authenticator.Get(options, Origin) }.ToJsonString();
        using var copy = second.CreateBrowser();
        foreach (System.Net.Cookie cookie in browser.Cookies.GetAllCookies())
        {
            copy.Cookies.Add(new System.Net.Cookie(cookie.Name, cookie.Value, cookie.Path, cookie.Domain) { Secure = cookie.Secure, HttpOnly = cookie.HttpOnly });
        }

        using var signedIn = await browser.PostJsonAsync("/auth/passkeys/signin", answer);
        using var replayed = await copy.PostJsonAsync("/auth/passkeys/signin", answer);

        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, replayed.StatusCode);
        Assert.Equal("passkey_challenge", await PasskeyBrowser.ErrorOf(replayed));
        Assert.Equal("anonymous", await copy.WhoAmIAsync());
    }
}
