using System.Net;
using System.Security.Claims;
using System.Text;
using BlazorCookieAuth.Tests.TestHost;
using BlazorCookieAuth.Tokens;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Net.Http.Headers;

namespace BlazorCookieAuth.Tests.Tokens;

/// <summary>
/// What the token in the cookie holds and how long it is, and that tokens of formats 2 and 3, replaced before any
/// release carried them, are refused like tampered ones.
/// </summary>
public class TokenFormatTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_cookie_of_user_42_with_a_name_and_a_role_is_at_most_200_characters(bool remember)
    {
        await using var app = await TestApp.StartAsync();
        using var browser = app.CreateBrowser();

        var response = await browser.Client.PostAsync($"/test/login?authId=42&name=Alice&role=admin&remember={(remember ? "true" : "false")}", null);

        var cookie = SetCookieHeaderValue.ParseList([.. response.Headers.GetValues("Set-Cookie")]).Single(c => c.Name == "__Host-BlazorCookieAuth");
        Assert.InRange(cookie.Value.Length, 100, 200);
        Assert.Equal("42", await browser.WhoAmIAsync());
        Assert.Equal(HttpStatusCode.OK, (await browser.Client.GetAsync("/admin")).StatusCode);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public async Task A_token_of_a_replaced_format_is_anonymous_and_its_cookie_deleted_though_its_session_is_live(byte version)
    {
        await using var app = await TestApp.StartAsync();
        using var browser = app.CreateBrowser();
        await browser.LoginAsync("42");
        var sessionId = await browser.Client.GetStringAsync("/test/session");
        var now = app.Time.GetUtcNow();
        var token = ProtectEarlierFormat(app, version, sessionId, now, now.AddHours(1), "42", [new(ClaimTypes.Name, "Alice"), new(ClaimTypes.Role, "admin")]);

        Assert.Equal("anonymous", await TamperedTokenTests.SendWithCookieAsync(app, token, expectDeletion: true));
        Assert.NotEqual(HttpStatusCode.OK, await AdminStatusAsync(app, token));
        Assert.Contains(app.Logs.Entries, e => e.EventId.Name == "TokenRejected" && e.Message.Contains("UnsupportedVersion", StringComparison.Ordinal));
        Assert.Equal("42", await browser.WhoAmIAsync());
    }

    [Fact]
    public async Task A_token_of_format_3_is_refused_whatever_its_times_and_its_session_lives_on_in_the_current_format()
    {
        await using var app = await TestApp.StartAsync();
        using var browser = app.CreateBrowser();
        await browser.LoginAsync("42");
        var sessionId = await browser.Client.GetStringAsync("/test/session");
        var now = app.Time.GetUtcNow();
        var expired = ProtectEarlierFormat(app, 3, sessionId, now.AddHours(-2), now.AddHours(-1), "42", []);
        var live = ProtectEarlierFormat(app, 3, sessionId, now, now.AddHours(1), "42", []);
        Assert.Equal("anonymous", await TamperedTokenTests.SendWithCookieAsync(app, expired, expectDeletion: true));
        Assert.Equal("anonymous", await TamperedTokenTests.SendWithCookieAsync(app, live, expectDeletion: true));

        Assert.Equal("42", await TamperedTokenTests.SendWithCookieAsync(app, browser.AuthCookie!, expectDeletion: false));
    }

    [Fact]
    public async Task A_token_minted_with_the_apps_key_for_a_live_session_carries_any_role_until_the_session_ends()
    {
        await using var app = await TestApp.StartAsync();
        using var browser = app.CreateBrowser();
        await browser.LoginAsync("42");
        var sessionId = await browser.Client.GetStringAsync("/test/session");
        var issuedAt = app.Time.GetUtcNow().ToUnixTimeSeconds();
        var payload = new TokenPayload(4, 0, WebEncoders.Base64UrlDecode(sessionId), issuedAt, 3600, [], "42",
            [(WellKnownClaimTypes.CodeOf(ClaimTypes.Role), ClaimTypes.Role, "admin")]);
        var minted = WebEncoders.Base64UrlEncode(Protector(app).Protect(payload.Write()));

        Assert.NotEqual(HttpStatusCode.OK, await AdminStatusAsync(app, browser.AuthCookie!));
        Assert.Equal(HttpStatusCode.OK, await AdminStatusAsync(app, minted));

        await browser.Client.PostAsync("/test/logout", null);

        Assert.Equal("anonymous", await TamperedTokenTests.SendWithCookieAsync(app, minted, expectDeletion: true));
    }

    private static async Task<HttpStatusCode> AdminStatusAsync(TestApp app, string token)
    {
        using var client = app.Server.CreateClient();
        client.BaseAddress = TestBrowser.BaseAddress;
        using var admin = new HttpRequestMessage(HttpMethod.Get, "/admin");
        admin.Headers.Add("Cookie", "__Host-BlazorCookieAuth=" + token);
        return (await client.SendAsync(admin)).StatusCode;
    }

    /// <summary>The protector the kit seals its tokens with, as the holder of the key ring can make it.</summary>
    private static IDataProtector Protector(TestApp app) =>
        app.Services.GetRequiredService<IDataProtectionProvider>()
            .CreateProtector(BlazorCookieAuthDefaults.Purpose, BlazorCookieAuthDefaults.AuthenticationScheme, "v2");

    /// <summary>
    /// A token as the kit once wrote it in format 2 (claim types in full) or 3 (well-known types as one-byte codes: Name is
    /// 1, Role 2): the version, flags, the session id's 16 bytes, the issue and expiry in unix milliseconds, the auth
    /// id, then the claims.
    /// </summary>
    private static string ProtectEarlierFormat(
        TestApp app, byte version, string sessionId, DateTimeOffset issuedAt, DateTimeOffset expiresAt, string authId, Claim[] claims)
    {
        using var payload = new MemoryStream();
        using (var writer = new BinaryWriter(payload, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(version);
            writer.Write((byte)0);
            writer.Write(WebEncoders.Base64UrlDecode(sessionId));
            writer.Write(issuedAt.ToUnixTimeMilliseconds());
            writer.Write(expiresAt.ToUnixTimeMilliseconds());
            writer.Write(authId);
            writer.Write7BitEncodedInt(claims.Length);
            foreach (var claim in claims)
            {
                if (version == 2)
                {
                    writer.Write(claim.Type);
                }
                else
                {
                    writer.Write(claim.Type switch
                    {
                        ClaimTypes.Name => (byte)1,
                        ClaimTypes.Role => (byte)2,
                        _ => throw new ArgumentException("This test writes only Name and Role claims.", nameof(claims)),
                    });
                }

                writer.Write(claim.Value);
            }
        }

        return WebEncoders.Base64UrlEncode(Protector(app).Protect(payload.ToArray()));
    }
}
