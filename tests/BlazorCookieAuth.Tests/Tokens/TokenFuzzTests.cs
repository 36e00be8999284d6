using System.Collections.Concurrent;
using System.Security.Claims;
using System.Text;
using BlazorCookieAuth.Tests.TestHost;
using BlazorCookieAuth.Tokens;
using CsCheck;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace BlazorCookieAuth.Tests.Tokens;

/// <summary>
/// Fuzz and property tests of the token format's unprotect and parse path (issue 10), run straight against the format
/// on every core: nothing but a real token is ever read as a user, a payload is read exactly or refused, and a login
/// whose text UTF-8 can't carry is refused when its token is made, never written to be refused later.
/// </summary>
public class TokenFuzzTests(ITestOutputHelper output)
{
    private static readonly long MinSeconds = DateTimeOffset.MinValue.ToUnixTimeSeconds();
    private static readonly long MaxSeconds = DateTimeOffset.MaxValue.ToUnixTimeSeconds();

    [Fact]
    public async Task Random_text_and_bytes_are_never_read_as_a_token()
    {
        await using var app = await TestApp.StartAsync();
        var format = app.Services.GetRequiredService<AuthTokenFormat>();
        var real = await app.Services.GetRequiredService<IAuthTokenService>().CreateTokenAsync(new AuthUser("fuzz-alice"));
        Assert.Equal(AuthTokenRejection.None, format.TryUnprotect(real, out var control));
        Assert.Equal("fuzz-alice", control!.AuthId);
        var rejections = new ConcurrentDictionary<AuthTokenRejection, int>();

        FuzzInputs.Garbage(real).SampleSeeded(text =>
        {
            var rejection = format.TryUnprotect(text, out var user);

            Assert.Null(user);
            Assert.True(IsRefusedAsForged(rejection), $"Read as {rejection}.");
            rejections.AddOrUpdate(rejection, 1, (_, count) => count + 1);
        }, seed: 101, cases: 30_000, output, print: FuzzInputs.Printable);

        SeededSample.Report(output, $"Refused as {string.Join(", ", rejections.OrderBy(r => r.Key).Select(r => $"{r.Key} {r.Value}"))}.");
        Assert.All([AuthTokenRejection.Oversize, AuthTokenRejection.Malformed, AuthTokenRejection.Unreadable], way => Assert.True(rejections.ContainsKey(way), $"No case was refused as {way}."));
        Assert.DoesNotContain(app.Logs.Entries, e => e.EventId.Name == "KeyRingUnavailable");
    }

    [Fact]
    public async Task Bit_flips_truncations_and_splices_of_real_tokens_are_refused_and_only_their_own_bytes_read()
    {
        await using var app = await TestApp.StartAsync();
        var format = app.Services.GetRequiredService<AuthTokenFormat>();
        using var browser = app.CreateBrowser();
        await browser.LoginAsync("fuzz-alice", remember: true);
        var alice = browser.AuthCookie!;
        var bob = await app.Services.GetRequiredService<IAuthTokenService>().CreateTokenAsync(new AuthUser("fuzz-bob", [new Claim(ClaimTypes.Name, "Bob")]));
        var aliceBytes = WebEncoders.Base64UrlDecode(alice);
        var bobBytes = WebEncoders.Base64UrlDecode(bob);
        var read = 0;

        TokenChange.Any.SampleSeeded(change =>
        {
            var text = change.ApplyTo(alice, bob);
            var bytes = FuzzInputs.Decode(text);
            var rejection = format.TryUnprotect(text, out var user);

            var owner = bytes is null ? null : bytes.SequenceEqual(aliceBytes) ? "fuzz-alice" : bytes.SequenceEqual(bobBytes) ? "fuzz-bob" : null;
            if (owner is null)
            {
                Assert.Null(user);
                Assert.True(IsRefusedAsForged(rejection), $"Read as {rejection}.");
                return;
            }

            Assert.Equal(AuthTokenRejection.None, rejection);
            Assert.Equal(owner, user!.AuthId);
            Interlocked.Increment(ref read);
        }, seed: 102, cases: 40_000, output, print: change => $"{change} gives {FuzzInputs.Printable(change.ApplyTo(alice, bob))}");

        SeededSample.Report(output, $"{read:N0} changed tokens kept a real token's bytes and were read as its user; the rest were refused.");
        Assert.InRange(read, 1, 39_999);
        Assert.DoesNotContain(app.Logs.Entries, e => e.EventId.Name == "KeyRingUnavailable");
    }

    [Fact]
    public async Task Payloads_sealed_with_the_real_key_are_read_exactly_or_refused_never_half_read()
    {
        await using var app = await TestApp.StartAsync();
        var format = app.Services.GetRequiredService<AuthTokenFormat>();
        var protector = app.Services.GetRequiredService<IDataProtectionProvider>()
            .CreateProtector(BlazorCookieAuthDefaults.Purpose, BlazorCookieAuthDefaults.AuthenticationScheme, "v2");
        var outcomes = new ConcurrentDictionary<AuthTokenRejection, int>();

        Gen.Select(TokenPayload.Any, PayloadDamage.Any).SampleSeeded(input =>
        {
            var (payload, damage) = input;
            var written = payload.Write();
            var bytes = damage.ApplyTo(written);
            var token = WebEncoders.Base64UrlEncode(protector.Protect(bytes));
            var rejection = format.TryUnprotect(token, out var user);
            outcomes.AddOrUpdate(rejection, 1, (_, count) => count + 1);

            var expected = token.Length > AuthTokenFormat.MaxTokenLength ? AuthTokenRejection.Oversize : damage.Expected(written.Length, Expected(payload));
            if (expected is { } known)
            {
                Assert.Equal(known, rejection);
            }

            if (rejection != AuthTokenRejection.None)
            {
                Assert.Null(user);
                return;
            }

            if (damage.Kind == PayloadDamageKind.None)
            {
                Assert.Equal(Fields(payload), Fields(user!));
            }

            // Whatever was read, written again, reads back the same: only the version the format writes is read.
            Assert.Equal(4, bytes[0]);
            Assert.Equal(AuthTokenRejection.None, format.TryUnprotect(format.Protect(user!), out var again));
            Assert.Equal(Fields(user!), Fields(again!));
        }, seed: 103, cases: 15_000, output, print: p => $"{p.Item1} {p.Item2}");

        SeededSample.Report(output, $"Outcomes: {string.Join(", ", outcomes.OrderBy(r => r.Key).Select(r => $"{r.Key} {r.Value}"))}.");
        Assert.All([AuthTokenRejection.None, AuthTokenRejection.Malformed, AuthTokenRejection.UnsupportedVersion], way => Assert.True(outcomes.ContainsKey(way), $"No case came out {way}."));
    }

    [Fact]
    public async Task Auth_ids_and_claims_with_control_characters_or_lone_surrogates_come_back_exactly_or_no_token_is_made()
    {
        await using var app = await TestApp.StartAsync();
        var tokens = app.Services.GetRequiredService<IAuthTokenService>();
        var sessions = app.Services.GetRequiredService<IAuthSessionManager>();
        int made = 0, refused = 0;

        await Gen.Select(FuzzInputs.AuthId, FuzzInputs.Claims).SampleSeededAsync(async login =>
        {
            var (authId, claims) = login;
            if (string.IsNullOrWhiteSpace(authId))
            {
                Assert.Throws<ArgumentException>(() => new AuthUser(authId, claims));
                return;
            }

            var user = new AuthUser(authId, claims);
            var before = (await sessions.ListSessionsAsync(authId)).Count;
            string token;
            try
            {
                token = await tokens.CreateTokenAsync(user);
            }
            catch (InvalidOperationException) when (!FuzzInputs.IsWellFormed(user))
            {
                Assert.True((await sessions.ListSessionsAsync(authId)).Count <= before, "The session of a token that couldn't be made is still live.");
                refused++;
                return;
            }

            var back = await tokens.ValidateTokenAsync(token);
            Assert.Equal(FuzzInputs.Printable(authId), FuzzInputs.Printable(back.AuthId ?? "(anonymous)"));
            Assert.Equal(FuzzInputs.Describe(claims), FuzzInputs.Describe(back.Claims));
            made++;
        }, seed: 104, cases: 5_000, output, print: login => $"{FuzzInputs.Printable(login.Item1)} with {FuzzInputs.Describe(login.Item2)}");

        SeededSample.Report(output, $"{made:N0} tokens made and read back exactly; {refused:N0} refused when made.");
        Assert.True(made > 0 && refused > 0, "The cases didn't reach both outcomes.");
    }

    private static bool IsRefusedAsForged(AuthTokenRejection rejection) =>
        rejection is not (AuthTokenRejection.None or AuthTokenRejection.Unavailable);

    /// <summary>What the format should make of an undamaged payload, from the format's description.</summary>
    private static AuthTokenRejection Expected(TokenPayload payload)
    {
        // Versions 2 and 3 were replaced before any release carried them: refused like any other version.
        if (payload.Version != 4)
        {
            return AuthTokenRejection.UnsupportedVersion;
        }

        var timesFit = payload.Expiry >= 0 && payload.IssuedAt >= MinSeconds && (Int128)payload.IssuedAt + payload.Expiry <= MaxSeconds;
        var claimsFit = payload.Claims.Length <= 64
            && payload.Claims.All(c => c.Code == WellKnownClaimTypes.Custom || WellKnownClaimTypes.TypeOf(c.Code) is not null);
        // An auth id of only white space is no user's: AuthUser refuses it, so a token can't carry one.
        return timesFit && claimsFit && !string.IsNullOrWhiteSpace(Utf8(payload.AuthId)) ? AuthTokenRejection.None : AuthTokenRejection.Malformed;
    }

    /// <summary>The user an undamaged, readable payload holds, as text to compare.</summary>
    private static string Fields(TokenPayload payload)
    {
        var issuedAt = DateTimeOffset.FromUnixTimeSeconds(payload.IssuedAt);
        var expiresAt = DateTimeOffset.FromUnixTimeSeconds(payload.IssuedAt + payload.Expiry);
        var claims = payload.Claims.Select(c => new Claim(
            c.Code == WellKnownClaimTypes.Custom ? Utf8(c.Type) : WellKnownClaimTypes.TypeOf(c.Code)!,
            Utf8(c.Value)));
        return Fields(Utf8(payload.AuthId), WebEncoders.Base64UrlEncode(payload.SessionId), issuedAt, expiresAt, (payload.Flags & 1) != 0,
            (payload.Flags & 2) != 0 ? payload.BrowserSecret : null, claims);
    }

    private static string Fields(AuthToken token) =>
        Fields(token.AuthId, token.SessionId, token.User.IssuedAt!.Value, token.ExpiresAt, token.User.IsPersistent, token.BrowserSecret, token.User.Claims);

    private static string Fields(
        string authId, string sessionId, DateTimeOffset issuedAt, DateTimeOffset expiresAt, bool persistent, byte[]? browserSecret, IEnumerable<Claim> claims) =>
        $"{FuzzInputs.Printable(authId)} session {sessionId} from {issuedAt:O} to {expiresAt:O} persistent {persistent} " +
        $"secret {(browserSecret is null ? "none" : Convert.ToHexString(browserSecret))} claims {FuzzInputs.Describe(claims)}";

    /// <summary>The text as UTF-8 brings it back: a lone surrogate becomes U+FFFD.</summary>
    private static string Utf8(string text) => Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(text));
}
