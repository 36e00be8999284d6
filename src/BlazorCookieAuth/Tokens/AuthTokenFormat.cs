using System.Buffers;
using System.Buffers.Text;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using BlazorCookieAuth.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BlazorCookieAuth.Tokens;

/// <summary>
/// Turns an <see cref="AuthToken"/> into a token string and back. The payload is a small versioned
/// binary record protected by Data Protection (authenticated encryption), then base64url-encoded. Version 4 writes
/// well-known claim types as one-byte codes and its times as whole seconds in variable-length integers, the expiry as
/// seconds after the issue. Only that version is read: versions 2 and 3 were replaced before any release carried them,
/// so a token in either is refused like any unreadable one.
/// </summary>
internal sealed class AuthTokenFormat
{
    private const byte Version = 4;

    /// <summary>
    /// The generation of the protector's purpose chain, which stays put when the payload format changes: the version
    /// byte inside tells the formats apart, so a token of another version is refused as such.
    /// </summary>
    private const string ProtectorGeneration = "v2";

    private const byte PersistentFlag = 1;
    private const byte BrowserSecretFlag = 2;
    private const int SessionIdBytes = 16;

    /// <summary>The size of a remembered login's browser secret: 128 random bits.</summary>
    public const int BrowserSecretBytes = 16;

    /// <summary>
    /// The largest token, in characters, that is read or written. Browsers drop cookies over about 4 KB.
    /// </summary>
    public const int MaxTokenLength = 4096;
    private const int MaxClaims = 64;

    private readonly IDataProtector _protector;
    private readonly ILogger<AuthTokenFormat> _logger;

    /// <summary>1 while the key ring can't be read, so that is logged once, not on every request.</summary>
    private int _keyRingFailing;

    /// <summary>Browsers cap a cookie's name and value together at 4096 bytes, so the name's share is taken off.</summary>
    private readonly int _maxIssuedLength;

    public AuthTokenFormat(
        IDataProtectionProvider dataProtectionProvider,
        IOptionsMonitor<BlazorCookieAuthOptions> options,
        BlazorCookieAuthScheme scheme,
        ILogger<AuthTokenFormat> logger)
    {
        _logger = logger;
        var current = options.Get(scheme.Name);
        _protector = dataProtectionProvider.CreateProtector(current.Purpose, scheme.Name, ProtectorGeneration);
        _maxIssuedLength = AuthTokenFormat.MaxTokenLength - (current.ReadsCookie ? current.Cookie.Name!.Length + 1 : 0);
    }

    public string Protect(AuthToken token)
    {
        var user = token.User;
        if (user.Claims.Count > MaxClaims)
        {
            throw new InvalidOperationException(
                $"The login of auth id '{user.AuthId}' carries {user.Claims.Count} claims; a token holds at most {MaxClaims}. " +
                "Carry fewer claims, and load the rest through IAuthUserLoader<TUser>.");
        }

        if (!CarriesExactly(user))
        {
            throw new InvalidOperationException(
                $"The login of auth id '{user.AuthId}' holds a lone surrogate (text that isn't valid UTF-16) in its auth id or a claim. " +
                "A token carries text as UTF-8, which would write it as U+FFFD, so the token would name another user or claim. " +
                "Clean the text before logging the user in.");
        }

        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Version);
            writer.Write((byte)((user.IsPersistent ? PersistentFlag : 0) | (token.BrowserSecret is null ? 0 : BrowserSecretFlag)));
            writer.Write(WebEncoders.Base64UrlDecode(token.SessionId));
            // Whole seconds, rounded down: a token read back expires at most a second before its session would.
            var issuedAt = user.IssuedAt!.Value.ToUnixTimeSeconds();
            writer.Write7BitEncodedInt64(issuedAt);
            writer.Write7BitEncodedInt64(Math.Max(0, token.ExpiresAt.ToUnixTimeSeconds() - issuedAt));
            if (token.BrowserSecret is not null)
            {
                writer.Write(token.BrowserSecret);
            }

            writer.Write(token.AuthId);
            writer.Write7BitEncodedInt(user.Claims.Count);
            foreach (var claim in user.Claims)
            {
                var code = WellKnownClaimTypes.CodeOf(claim.Type);
                writer.Write(code);
                if (code == WellKnownClaimTypes.Custom)
                {
                    writer.Write(claim.Type);
                }

                writer.Write(claim.Value);
            }
        }

        byte[] protectedBytes;
        try
        {
            protectedBytes = _protector.Protect(buffer.ToArray());
        }
        catch (CryptographicException exception) when (IsKeyRingFailure(exception))
        {
            ReportKeyRingFailure(exception);
            throw new AuthUnavailableException("Couldn't issue a token: the Data Protection key ring can't be read right now.", exception);
        }

        var text = WebEncoders.Base64UrlEncode(protectedBytes);
        if (text.Length > _maxIssuedLength)
        {
            throw new InvalidOperationException(
                $"The token for auth id '{user.AuthId}' is {text.Length} characters, over the {_maxIssuedLength} that fit in a cookie beside its name. " +
                "Carry fewer or shorter extra claims, and load the rest through IAuthUserLoader<TUser>.");
        }

        return text;
    }

    /// <summary>
    /// Whether a token carries the user's auth id and claims exactly: they hold no lone surrogate, which UTF-8 can't
    /// write. Issued anyway, such a token would come back as another user, whose session check fails.
    /// </summary>
    public static bool CarriesExactly(AuthUser user)
    {
        if (!IsWellFormed(user.AuthId))
        {
            return false;
        }

        foreach (var claim in user.Claims)
        {
            if (!IsWellFormed(claim.Type) || !IsWellFormed(claim.Value))
            {
                return false;
            }
        }

        return true;
    }

    public AuthTokenRejection TryUnprotect(string token, out AuthToken? read)
    {
        read = null;
        if (token.Length > AuthTokenFormat.MaxTokenLength)
        {
            return AuthTokenRejection.Oversize;
        }

        byte[] protectedBytes;
        try
        {
            protectedBytes = WebEncoders.Base64UrlDecode(token);
        }
        catch (FormatException)
        {
            return AuthTokenRejection.Malformed;
        }

        byte[] payload;
        try
        {
            payload = _protector.Unprotect(protectedBytes);
        }
        catch (CryptographicException exception) when (IsKeyRingFailure(exception))
        {
            // Not a bad token but an unreadable key ring (say, its store is down): refuse it for now, keep the cookie.
            ReportKeyRingFailure(exception);
            return AuthTokenRejection.Unavailable;
        }
        catch (CryptographicException)
        {
            return AuthTokenRejection.Unreadable;
        }

        Volatile.Write(ref _keyRingFailing, 0);

        return Read(payload, out read);
    }

    /// <summary>
    /// Data Protection reports a bad payload (tampered, foreign, unknown key) as a bare cryptographic exception, and a
    /// key ring it could not read (its repository failed) as one wrapping the repository's own exception.
    /// </summary>
    private static bool IsKeyRingFailure(CryptographicException exception) =>
        exception.InnerException is not null and not CryptographicException;

    /// <returns>The claim type, from its code or written out; <see langword="null"/> for a code this version doesn't know.</returns>
    private static string? ReadClaimType(ref TokenPayloadReader reader)
    {
        var code = reader.ReadByte();
        return code == WellKnownClaimTypes.Custom ? reader.ReadString() : WellKnownClaimTypes.TypeOf(code);
    }

    private static bool IsWellFormed(string? text)
    {
        var rest = text.AsSpan();
        if (!rest.ContainsAnyInRange('\uD800', '\uDFFF'))
        {
            return true;
        }

        while (Rune.DecodeFromUtf16(rest, out _, out var used) == OperationStatus.Done)
        {
            rest = rest[used..];
        }

        return rest.IsEmpty;
    }

    private void ReportKeyRingFailure(Exception exception)
    {
        if (Interlocked.Exchange(ref _keyRingFailing, 1) == 0)
        {
            _logger.KeyRingUnavailable(exception);
        }
    }

    private static AuthTokenRejection Read(byte[] payload, out AuthToken? token)
    {
        token = null;
        try
        {
            var reader = new TokenPayloadReader(payload);
            var version = reader.ReadByte();
            if (version != Version)
            {
                return AuthTokenRejection.UnsupportedVersion;
            }

            var flags = reader.ReadByte();
            var sessionId = Base64Url.EncodeToString(reader.ReadBytes(SessionIdBytes));
            var (issuedAt, expiresAt) = ReadTimes(ref reader);
            var browserSecret = (flags & BrowserSecretFlag) != 0 ? reader.ReadBytes(BrowserSecretBytes).ToArray() : null;

            var authId = reader.ReadString();
            var claimCount = reader.Read7BitEncodedInt();
            if (claimCount is < 0 or > MaxClaims || authId.Length == 0)
            {
                return AuthTokenRejection.Malformed;
            }

            var claims = new Claim[claimCount];
            for (var i = 0; i < claimCount; i++)
            {
                var type = ReadClaimType(ref reader);
                if (type is null)
                {
                    return AuthTokenRejection.Malformed;
                }

                claims[i] = new Claim(type, reader.ReadString());
            }

            if (!reader.AtEnd)
            {
                return AuthTokenRejection.Malformed;
            }

            var user = new AuthUser(authId, claims)
            {
                SessionId = sessionId,
                IssuedAt = issuedAt,
                ExpiresAt = expiresAt,
                IsPersistent = (flags & PersistentFlag) != 0,
            };
            token = new AuthToken(user, browserSecret);
            return AuthTokenRejection.None;
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or OverflowException)
        {
            // An ArgumentException is also a claim type the kit reserves, which no token it wrote carries.
            return AuthTokenRejection.Malformed;
        }
    }

    /// <summary>The times: the issue in unix seconds, then the seconds until the expiry.</summary>
    private static (DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt) ReadTimes(ref TokenPayloadReader reader)
    {
        var issuedAt = reader.Read7BitEncodedInt64();
        var lifetime = reader.Read7BitEncodedInt64();
        if (lifetime < 0)
        {
            throw new FormatException("A token's lifetime can't be negative.");
        }

        return (DateTimeOffset.FromUnixTimeSeconds(issuedAt), DateTimeOffset.FromUnixTimeSeconds(checked(issuedAt + lifetime)));
    }
}
