using System.Security.Cryptography;
using System.Text.Json;
using BlazorCookieAuth.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace BlazorCookieAuth.Passkeys.Ceremonies;

/// <summary>
/// Keeps a ceremony's challenge with the browser that asked for it: in an HttpOnly, Secure, SameSite=Strict cookie,
/// one per ceremony, protected with Data Protection so the browser can neither read nor change it. A challenge is
/// taken once (the cookie is deleted, and its id marked used in the passkey store, which every server shares) and only before
/// <see cref="PasskeyOptions.Timeout"/> has passed.
/// </summary>
internal sealed class PasskeyChallenges
{
    /// <summary>The Data Protection purpose of the cookie, so no other protected value can pass for one.</summary>
    public const string Purpose = "BlazorCookieAuth.Passkeys.Challenge";

    private readonly IDataProtector _protector;
    private readonly TimeProvider _timeProvider;
    private readonly IPasskeyStore _store;
    private readonly PasskeyOptions _options;
    private readonly string _cookieName;

    public PasskeyChallenges(
        IDataProtectionProvider dataProtection,
        TimeProvider timeProvider,
        IPasskeyStore store,
        IOptions<PasskeyOptions> options,
        BlazorCookieAuthScheme scheme,
        IOptionsMonitor<BlazorCookieAuthOptions> kitOptions)
    {
        _protector = dataProtection.CreateProtector(Purpose);
        _timeProvider = timeProvider;
        _store = store;
        _options = options.Value;
        _cookieName = kitOptions.Get(scheme.Name).Cookie.Name + ".passkey";
    }

    /// <summary>The cookie that carries a <paramref name="ceremony"/>'s challenge.</summary>
    public string CookieName(PasskeyCeremony ceremony) =>
        _cookieName + (ceremony == PasskeyCeremony.SignIn ? "-signin" : "-registration");

    /// <summary>Gives the browser a ceremony's challenge to keep, replacing the one it had for that ceremony.</summary>
    /// <param name="context">The request that asked for the ceremony's options.</param>
    /// <param name="ceremony">The ceremony.</param>
    /// <param name="challenge">The challenge the FIDO2 library made for the options.</param>
    /// <param name="authId">For a registration, the signed-in user's auth id.</param>
    /// <param name="userHandle">For a registration, the user's WebAuthn user handle.</param>
    public void Issue(HttpContext context, PasskeyCeremony ceremony, byte[] challenge, string? authId = null, byte[]? userHandle = null)
    {
        var state = new PasskeyChallenge
        {
            Id = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(16)),
            Ceremony = ceremony,
            Challenge = challenge,
            ExpiresAt = (_timeProvider.GetUtcNow() + _options.Timeout).ToUnixTimeMilliseconds(),
            AuthId = authId,
            UserHandle = userHandle,
        };
        var protectedState = _protector.Protect(JsonSerializer.SerializeToUtf8Bytes(state, PasskeyJsonContext.Default.PasskeyChallenge));
        context.Response.Cookies.Append(CookieName(ceremony), WebEncoders.Base64UrlEncode(protectedState), CookieOptions(_options.Timeout));
    }

    /// <summary>
    /// Takes the browser's challenge for a ceremony, at most once: the cookie is deleted whatever it held.
    /// </summary>
    /// <param name="context">The request that answers the ceremony.</param>
    /// <param name="ceremony">The ceremony.</param>
    /// <returns>
    /// The challenge; <see langword="null"/> when the browser has none for this ceremony, or it was changed, made by
    /// another app, expired, or used before.
    /// </returns>
    public async Task<PasskeyChallenge?> TakeAsync(HttpContext context, PasskeyCeremony ceremony)
    {
        var name = CookieName(ceremony);
        if (!context.Request.Cookies.TryGetValue(name, out var cookie) || cookie.Length == 0)
        {
            return null;
        }

        context.Response.Cookies.Delete(name, CookieOptions(maxAge: null));
        PasskeyChallenge? state;
        try
        {
            state = JsonSerializer.Deserialize(_protector.Unprotect(WebEncoders.Base64UrlDecode(cookie)), PasskeyJsonContext.Default.PasskeyChallenge);
        }
        catch (Exception ex) when (ex is CryptographicException or FormatException or JsonException)
        {
            return null;
        }

        return state is not null
            && state.Ceremony == ceremony
            && _timeProvider.GetUtcNow().ToUnixTimeMilliseconds() < state.ExpiresAt
            && await _store.TryUseChallengeAsync(state.Id, DateTimeOffset.FromUnixTimeMilliseconds(state.ExpiresAt), context.RequestAborted).ConfigureAwait(false)
                ? state
                : null;
    }

    private static CookieOptions CookieOptions(TimeSpan? maxAge) => new()
    {
        HttpOnly = true,
        Secure = true,
        SameSite = SameSiteMode.Strict,
        Path = "/",
        IsEssential = true,
        MaxAge = maxAge,
    };
}
