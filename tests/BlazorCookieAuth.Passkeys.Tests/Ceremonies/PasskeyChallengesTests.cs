using System.Security.Cryptography;
using BlazorCookieAuth.Passkeys.Ceremonies;
using BlazorCookieAuth.Passkeys.Tests.TestHost;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace BlazorCookieAuth.Passkeys.Tests.Ceremonies;

public sealed class PasskeyChallengesTests : IAsyncDisposable
{
    private readonly PasskeyServices _services = new();

    [Fact]
    public void The_challenge_travels_in_an_HttpOnly_Secure_SameSite_Strict_cookie_that_hides_it()
    {
        var challenge = RandomNumberGenerator.GetBytes(32);
        var asked = PasskeyServices.Request();

        _services.Challenges.Issue(asked, PasskeyCeremony.SignIn, challenge);

        var setCookie = Assert.Single(PasskeyServices.SetCookies(asked));
        Assert.Equal(_services.Challenges.CookieName(PasskeyCeremony.SignIn), setCookie.Name.ToString());
        Assert.True(setCookie.HttpOnly);
        Assert.True(setCookie.Secure);
        Assert.Equal(Microsoft.Net.Http.Headers.SameSiteMode.Strict, setCookie.SameSite);
        Assert.Equal("/", setCookie.Path.ToString());
        Assert.Equal(TimeSpan.FromMinutes(2), setCookie.MaxAge);
        Assert.DoesNotContain(WebEncoders.Base64UrlEncode(challenge), setCookie.Value.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_browser_that_asked_gets_its_challenge_back_and_the_cookie_deleted()
    {
        var challenge = RandomNumberGenerator.GetBytes(32);
        var asked = PasskeyServices.Request();
        _services.Challenges.Issue(asked, PasskeyCeremony.Registration, challenge, "alice-id", [1, 2, 3]);
        var answer = PasskeyServices.Request(PasskeyServices.CookiesSetBy(asked));

        var taken = await _services.Challenges.TakeAsync(answer, PasskeyCeremony.Registration);

        Assert.NotNull(taken);
        Assert.Equal(challenge, taken.Challenge);
        Assert.Equal("alice-id", taken.AuthId);
        Assert.Equal([1, 2, 3], taken.UserHandle);
        var deleted = Assert.Single(PasskeyServices.SetCookies(answer));
        Assert.Equal(_services.Challenges.CookieName(PasskeyCeremony.Registration), deleted.Name.ToString());
        Assert.True(deleted.Expires < _services.Clock.GetUtcNow() || deleted.Value.Length == 0);
    }

    [Fact]
    public async Task A_replayed_cookie_gives_nothing_the_second_time()
    {
        var asked = PasskeyServices.Request();
        _services.Challenges.Issue(asked, PasskeyCeremony.SignIn, RandomNumberGenerator.GetBytes(32));
        var cookies = PasskeyServices.CookiesSetBy(asked);

        Assert.NotNull(await _services.Challenges.TakeAsync(PasskeyServices.Request(cookies), PasskeyCeremony.SignIn));
        Assert.Null(await _services.Challenges.TakeAsync(PasskeyServices.Request(cookies), PasskeyCeremony.SignIn));
    }

    [Fact]
    public async Task A_challenge_is_good_until_its_timeout_and_not_after()
    {
        var cookies = IssuedCookies(PasskeyCeremony.SignIn);
        var later = IssuedCookies(PasskeyCeremony.SignIn);

        _services.Clock.Advance(TimeSpan.FromMinutes(2) - TimeSpan.FromMilliseconds(1));
        Assert.NotNull(await _services.Challenges.TakeAsync(PasskeyServices.Request(cookies), PasskeyCeremony.SignIn));

        _services.Clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Null(await _services.Challenges.TakeAsync(PasskeyServices.Request(later), PasskeyCeremony.SignIn));
    }

    [Fact]
    public async Task The_timeout_option_sets_how_long_a_challenge_is_good()
    {
        await using var services = new PasskeyServices(o => o.Timeout = TimeSpan.FromMinutes(5));
        var asked = PasskeyServices.Request();
        services.Challenges.Issue(asked, PasskeyCeremony.SignIn, RandomNumberGenerator.GetBytes(32));
        var cookies = PasskeyServices.CookiesSetBy(asked);

        services.Clock.Advance(TimeSpan.FromMinutes(5));

        Assert.Null(await services.Challenges.TakeAsync(PasskeyServices.Request(cookies), PasskeyCeremony.SignIn));
    }

    [Fact]
    public async Task Another_browser_without_the_cookie_gets_nothing()
    {
        IssuedCookies(PasskeyCeremony.SignIn);

        Assert.Null(await _services.Challenges.TakeAsync(PasskeyServices.Request(), PasskeyCeremony.SignIn));
    }

    [Fact]
    public async Task A_sign_in_challenge_is_no_good_for_a_registration()
    {
        var signIn = IssuedCookies(PasskeyCeremony.SignIn);
        var asRegistration = new Dictionary<string, string>
        {
            [_services.Challenges.CookieName(PasskeyCeremony.Registration)] = signIn[_services.Challenges.CookieName(PasskeyCeremony.SignIn)],
        };

        Assert.Null(await _services.Challenges.TakeAsync(PasskeyServices.Request(asRegistration), PasskeyCeremony.Registration));
    }

    [Fact]
    public async Task A_changed_cookie_gives_nothing()
    {
        var cookies = IssuedCookies(PasskeyCeremony.SignIn);
        var name = _services.Challenges.CookieName(PasskeyCeremony.SignIn);
        var bytes = WebEncoders.Base64UrlDecode(cookies[name]);
        bytes[^1] ^= 0x01;
        cookies[name] = WebEncoders.Base64UrlEncode(bytes);

        Assert.Null(await _services.Challenges.TakeAsync(PasskeyServices.Request(cookies), PasskeyCeremony.SignIn));
        Assert.Null(await _services.Challenges.TakeAsync(PasskeyServices.Request(new Dictionary<string, string> { [name] = "not-base64url!" }), PasskeyCeremony.SignIn));
    }

    [Fact]
    public async Task A_cookie_another_app_protected_gives_nothing()
    {
        await using var other = new PasskeyServices(dataProtection: new EphemeralDataProtectionProvider());
        var asked = PasskeyServices.Request();
        other.Challenges.Issue(asked, PasskeyCeremony.SignIn, RandomNumberGenerator.GetBytes(32));

        Assert.Null(await _services.Challenges.TakeAsync(PasskeyServices.Request(PasskeyServices.CookiesSetBy(asked)), PasskeyCeremony.SignIn));
    }

    [Fact]
    public async Task A_value_protected_for_another_purpose_gives_nothing()
    {
        var name = _services.Challenges.CookieName(PasskeyCeremony.SignIn);
        var protector = ((IDataProtectionProvider)_services.Services.GetService(typeof(IDataProtectionProvider))!).CreateProtector("BlazorCookieAuth.Other");
        var forged = protector.Protect("""{"id":"x","ceremony":0,"challenge":"AAAA","expiresAt":9999999999999}"""u8.ToArray());

        Assert.Null(await _services.Challenges.TakeAsync(PasskeyServices.Request(new Dictionary<string, string> { [name] = WebEncoders.Base64UrlEncode(forged) }), PasskeyCeremony.SignIn));
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();

    private Dictionary<string, string> IssuedCookies(PasskeyCeremony ceremony)
    {
        var asked = PasskeyServices.Request();
        _services.Challenges.Issue(asked, ceremony, RandomNumberGenerator.GetBytes(32));
        return PasskeyServices.CookiesSetBy(asked);
    }
}
