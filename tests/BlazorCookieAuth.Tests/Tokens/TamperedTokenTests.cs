using System.Net;
using BlazorCookieAuth.Tests.TestHost;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorCookieAuth.Tests.Tokens;

public class TamperedTokenTests
{
    [Fact]
    public async Task Every_byte_of_a_real_cookie_flipped_in_turn_is_refused_and_deleted()
    {
        await using var app = await TestApp.StartAsync();
        using var browser = app.CreateBrowser();
        await browser.LoginAsync("42");
        var token = browser.AuthCookie!;
        var bytes = WebEncoders.Base64UrlDecode(token);
        Assert.Equal("42", await SendWithCookieAsync(app, token, expectDeletion: false));

        for (var i = 0; i < bytes.Length; i++)
        {
            var flipped = (byte[])bytes.Clone();
            flipped[i] ^= 0xFF;
            Assert.Equal("anonymous", await SendWithCookieAsync(app, WebEncoders.Base64UrlEncode(flipped), expectDeletion: true));
        }
    }

    [Fact]
    public async Task Every_character_of_a_real_cookie_changed_in_turn_is_refused()
    {
        await using var app = await TestApp.StartAsync();
        using var browser = app.CreateBrowser();
        await browser.LoginAsync("42");
        var token = browser.AuthCookie!;

        for (var i = 0; i < token.Length; i++)
        {
            var chars = token.ToCharArray();
            chars[i] = chars[i] == 'A' ? 'B' : 'A';
            var changed = new string(chars);
            if (SameBytes(changed, token))
            {
                continue; // the last character's spare bits don't change the bytes, so it is the same token
            }

            Assert.Equal("anonymous", await SendWithCookieAsync(app, changed, expectDeletion: true));
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("x")]
    [InlineData("not-base64-at-all!")]
    [InlineData("%%%%")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task Garbage_cookies_mean_anonymous_never_an_error(string value)
    {
        await using var app = await TestApp.StartAsync();

        Assert.Equal("anonymous", await SendWithCookieAsync(app, value, expectDeletion: value.Length > 0));
    }

    [Fact]
    public async Task A_request_carrying_the_login_cookie_twice_is_anonymous_and_the_cookie_deleted_and_logged()
    {
        await using var app = await TestApp.StartAsync();
        var tokens = app.Services.GetRequiredService<IAuthTokenService>();
        var alice = await tokens.CreateTokenAsync(new AuthUser("42"));
        var planted = await tokens.CreateTokenAsync(new AuthUser("attacker"));
        Assert.Equal("42", await SendWithCookieAsync(app, alice, expectDeletion: false));

        Assert.Equal("anonymous", await SendWithCookieAsync(app, alice + "; __Host-BlazorCookieAuth=" + planted, expectDeletion: true));
        Assert.Equal("anonymous", await SendWithCookieAsync(app, planted + "; __Host-BlazorCookieAuth=" + alice, expectDeletion: true));
        Assert.Equal(2, app.Logs.Entries.Count(e => e.EventId.Name == "DuplicateCookie" && e.Message.Contains("cookie twice or in other letter case, so it is anonymous", StringComparison.Ordinal)));
        Assert.Equal("42", await SendWithCookieAsync(app, alice + "; __Host-BlazorCookieAuth-fresh=x", expectDeletion: false));
    }

    [Fact]
    public async Task A_login_cookie_name_in_other_letter_case_or_after_a_tab_is_refused_alone_or_beside_the_real_one()
    {
        // The framework finds cookies by name in any case, after spaces or tabs, and keeps the last; a browser keeps
        // __HOST-... apart from __Host-..., and some let a sibling subdomain set it, so it may be planted.
        await using var app = await TestApp.StartAsync();
        var tokens = app.Services.GetRequiredService<IAuthTokenService>();
        var alice = await tokens.CreateTokenAsync(new AuthUser("42"));
        var planted = await tokens.CreateTokenAsync(new AuthUser("attacker"));

        Assert.Equal("anonymous", await SendRawCookieAsync(app, "__HOST-BlazorCookieAuth=" + planted));
        Assert.Equal("anonymous", await SendRawCookieAsync(app, "__Host-BlazorCookieAuth=" + alice + "; __host-blazorcookieauth=" + planted));
        Assert.Equal("anonymous", await SendRawCookieAsync(app, "__host-blazorcookieauth=" + planted + "; __Host-BlazorCookieAuth=" + alice));
        Assert.Equal("anonymous", await SendWithCookieAsync(app, alice + "; __host-blazorcookieauth=" + planted, expectDeletion: true));
        Assert.Equal("anonymous", await SendWithCookieAsync(app, alice + ";\t__Host-BlazorCookieAuth=" + planted, expectDeletion: true));
        Assert.Equal("42", await SendRawCookieAsync(app, "__Host-BlazorCookieAuth=" + alice));
    }

    private static async Task<string> SendRawCookieAsync(TestApp app, string cookieHeader)
    {
        using var client = app.Server.CreateClient();
        client.BaseAddress = TestBrowser.BaseAddress;
        using var request = new HttpRequestMessage(HttpMethod.Get, "/me");
        request.Headers.Add("Cookie", cookieHeader);
        using var response = await client.SendAsync(request);
        return await response.Content.ReadAsStringAsync();
    }

    [Fact]
    public async Task Truncated_cookies_are_refused()
    {
        await using var app = await TestApp.StartAsync();
        using var browser = app.CreateBrowser();
        await browser.LoginAsync("42");
        var token = browser.AuthCookie!;

        foreach (var length in new[] { 1, 10, token.Length / 2, token.Length - 2, token.Length - 1 })
        {
            Assert.Equal("anonymous", await SendWithCookieAsync(app, token[..length], expectDeletion: true));
        }
    }

    [Fact]
    public async Task Oversize_cookie_is_refused_before_decryption()
    {
        await using var app = await TestApp.StartAsync();

        Assert.Equal("anonymous", await SendWithCookieAsync(app, new string('A', 5000), expectDeletion: true));
        Assert.Contains(app.Logs.Entries, e => e.Message.Contains("Oversize", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_login_whose_claims_would_not_fit_in_a_cookie_is_refused_at_login()
    {
        await using var app = await TestApp.StartAsync();
        var tokens = app.Services.GetRequiredService<IAuthTokenService>();
        var claims = Enumerable.Range(0, 40).Select(i => new System.Security.Claims.Claim("c" + i, new string('x', 100)));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => tokens.CreateTokenAsync(new AuthUser("42", claims)));

        Assert.Contains("IAuthUserLoader", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_login_whose_auth_id_holds_a_lone_surrogate_gets_no_token_and_no_session()
    {
        await using var app = await TestApp.StartAsync();
        var tokens = app.Services.GetRequiredService<IAuthTokenService>();

        // UTF-8 would write U+FFFD, and the token would name another user, whose session check then fails.
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => tokens.CreateTokenAsync(new AuthUser("42\ud800")));

        Assert.Contains("lone surrogate", error.Message, StringComparison.Ordinal);
        Assert.Empty(await app.Services.GetRequiredService<IAuthSessionManager>().ListSessionsAsync("42\ud800"));
    }

    [Fact]
    public async Task A_token_protected_under_another_purpose_is_refused()
    {
        var keys = Directory.CreateTempSubdirectory("bca-keys");
        try
        {
            await using var other = await TestApp.StartAsync(o => o.Purpose = "another app", configureBuilder: b => ShareKeys(b, keys));
            await using var app = await TestApp.StartAsync(configureBuilder: b => ShareKeys(b, keys));
            var foreign = await other.Services.GetRequiredService<IAuthTokenService>().CreateTokenAsync(new AuthUser("42"));
            var own = await app.Services.GetRequiredService<IAuthTokenService>().CreateTokenAsync(new AuthUser("42"));

            Assert.Equal("42", await SendWithCookieAsync(app, own, expectDeletion: false));
            Assert.Equal("anonymous", await SendWithCookieAsync(app, foreign, expectDeletion: true));
        }
        finally
        {
            keys.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task A_token_from_an_unknown_key_ring_is_refused()
    {
        await using var other = await TestApp.StartAsync();
        await using var app = await TestApp.StartAsync();
        Assert.Equal("42", await SendWithCookieAsync(other, await other.Services.GetRequiredService<IAuthTokenService>().CreateTokenAsync(new AuthUser("42")), expectDeletion: false));
        var foreign = await other.Services.GetRequiredService<IAuthTokenService>().CreateTokenAsync(new AuthUser("42"));

        Assert.Equal("anonymous", await SendWithCookieAsync(app, foreign, expectDeletion: true));
        Assert.Contains(app.Logs.Entries, e => e.Message.Contains("Unreadable", StringComparison.Ordinal));
    }

    /// <summary>Whether two texts decode to the same bytes; one that doesn't decode (spare bits set) is another token.</summary>
    private static bool SameBytes(string changed, string token)
    {
        try
        {
            return WebEncoders.Base64UrlDecode(changed).SequenceEqual(WebEncoders.Base64UrlDecode(token));
        }
        catch (FormatException)
        {
            return false;
        }
    }

    internal static void ShareKeys(WebApplicationBuilder builder, DirectoryInfo keys) =>
        builder.Services.AddDataProtection().SetApplicationName("tests").PersistKeysToFileSystem(keys);

    /// <summary>
    /// Sends the cookie as a browser would and returns who the app thinks the caller is; a response that deletes the
    /// cookie must be no-store.
    /// </summary>
    internal static async Task<string> SendWithCookieAsync(TestApp app, string cookieValue, bool expectDeletion)
    {
        using var client = app.Server.CreateClient();
        client.BaseAddress = new Uri("https://localhost");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/me");
        request.Headers.TryAddWithoutValidation("Cookie", "__Host-BlazorCookieAuth=" + cookieValue);

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var deleted = response.Headers.TryGetValues("Set-Cookie", out var setCookies)
            && setCookies.Any(c => c.StartsWith("__Host-BlazorCookieAuth=;", StringComparison.Ordinal) && c.Contains("expires=Thu, 01 Jan 1970", StringComparison.Ordinal));
        Assert.Equal(expectDeletion, deleted);
        if (deleted)
        {
            // A cache that kept a deletion could replay it to the browser after its next login.
            Assert.True(response.Headers.CacheControl?.NoStore, "A response that deletes the login cookie is not no-store.");
        }

        return await response.Content.ReadAsStringAsync();
    }
}
