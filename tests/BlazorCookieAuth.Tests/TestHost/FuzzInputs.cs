using System.Buffers;
using System.Globalization;
using System.Security.Claims;
using System.Text;
using BlazorCookieAuth.Tokens;
using CsCheck;
using Microsoft.AspNetCore.WebUtilities;

namespace BlazorCookieAuth.Tests.TestHost;

/// <summary>The CsCheck generators the fuzz tests share: garbage text and bytes, and the odd text of auth ids and claims.</summary>
internal static class FuzzInputs
{
    public const string Base64UrlAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    /// <summary>Kestrel's default limit on a request's headers together (<c>MaxRequestHeadersTotalSize</c>): 32 KB.</summary>
    public const int HeaderLimit = 32 * 1024;

    /// <summary>Any UTF-16 code unit: control characters, lone surrogates, noncharacters.</summary>
    public static readonly Gen<char> AnyChar = Gen.Char['\0', '\uffff'];

    public static readonly Gen<char> Base64UrlChar = Gen.Char[Base64UrlAlphabet];

    /// <summary>What Kestrel lets through in a header value: visible ASCII, space and tab.</summary>
    public static readonly Gen<char> HeaderChar = Gen.Frequency((30, Gen.Char[' ', '~']), (1, Gen.Const('\t')));

    private static readonly Gen<char> ControlChar = Gen.Frequency((3, Gen.Char['\0', '\u001f']), (1, Gen.Char['\u007f', '\u009f']), (1, Gen.Char["\u2028\u2029\u200b\ufeff\ufffe\uffff"]));

    private static readonly Gen<char> SurrogateChar = Gen.Char['\ud800', '\udfff'];

    /// <summary>Letters, control characters, odd white space and surrogate pairs, always well-formed UTF-16.</summary>
    private static readonly Gen<string> WellFormedOddText = Gen.Frequency(
            (6, Gen.Char.AlphaNumeric.Select(c => c.ToString())),
            (3, ControlChar.Select(c => c.ToString())),
            (1, Gen.OneOf(" ", "\t", "\r\n", "\u00a0", "\ufffd", "\ud83d\ude00", "\U0010FFFF", "=", ";", "\"")))
        .Array[1, 16]
        .Select(parts => string.Concat(parts));

    /// <summary>
    /// Text as a careless user store might hold it: control characters, surrogate pairs, white space at the edges,
    /// noncharacters, or anything at all; about one in seven holds a lone surrogate, which UTF-8 can't carry.
    /// </summary>
    public static readonly Gen<string> OddText = Gen.Frequency(
        (8, WellFormedOddText),
        (1, Gen.Select(WellFormedOddText, SurrogateChar, Gen.Int[0, 64], (text, lone, at) => text.Insert(at % (text.Length + 1), lone.ToString()))),
        (1, Gen.String[AnyChar, 1, 24]),
        (1, Gen.String.AlphaNumeric));

    /// <summary>A claim type: a well-known one (written as a one-byte code) or odd text (written out).</summary>
    public static readonly Gen<string> ClaimType = Gen.Frequency(
        (3, Gen.OneOf(ClaimTypes.Name, ClaimTypes.Role, ClaimTypes.Email, ClaimTypes.GivenName)),
        (2, OddText),
        (1, Gen.Const(string.Empty)));

    /// <summary>An auth id: odd text, and now and then only white space, which <see cref="AuthUser"/> refuses.</summary>
    public static readonly Gen<string> AuthId = Gen.Frequency((12, OddText), (1, Gen.String[Gen.Char[" \t\r\n"], 0, 3]));

    public static readonly Gen<Claim[]> Claims = Gen.Select(ClaimType, Gen.Frequency((5, OddText), (1, Gen.Const(string.Empty))), (type, value) => new Claim(type, value)).Array[0, 4];

    /// <summary>
    /// Text that is no token of this app: any characters, base64url of any length up to and past the token limit,
    /// long header-like text up to the header limit, random bytes, and random bytes behind the first bytes of
    /// <paramref name="realToken"/> (Data Protection's header and key id), which Data Protection has to decrypt to refuse.
    /// </summary>
    public static Gen<string> Garbage(string realToken)
    {
        var keyHeader = WebEncoders.Base64UrlDecode(realToken)[..20];
        return Gen.Frequency(
            (4, Gen.String[AnyChar, 0, 600]),
            (4, Gen.String[Base64UrlChar, 0, 600]),
            (2, Gen.String[Base64UrlChar, AuthTokenFormat.MaxTokenLength - 64, AuthTokenFormat.MaxTokenLength + 64]),
            (1, Long(Gen.Frequency((8, Base64UrlChar), (1, HeaderChar)), AuthTokenFormat.MaxTokenLength, HeaderLimit)),
            (1, Gen.String[Gen.Char[" \t\r\n=.%;,\"+/"], 0, 64]),
            (4, Gen.Byte.Array[0, 3000].Select(bytes => WebEncoders.Base64UrlEncode(bytes))),
            (4, Gen.Byte.Array[0, 400].Select(tail => WebEncoders.Base64UrlEncode(keyHeader.Concat(tail).ToArray()))));
    }

    /// <summary>
    /// Text of <paramref name="min"/> to <paramref name="max"/> characters, a short random run repeated: drawing each
    /// of 32 K characters would take longer than the check it feeds, and a token past the limit is refused by length.
    /// </summary>
    public static Gen<string> Long(Gen<char> chars, int min, int max) =>
        Gen.Select(Gen.String[chars, 1, 64], Gen.Int[min, max], (run, length) =>
            string.Create(length, run, static (text, run) =>
            {
                for (var i = 0; i < text.Length; i++)
                {
                    text[i] = run[i % run.Length];
                }
            }));

    /// <summary>The bytes of a token's text as the format decodes them, or <see langword="null"/> when it doesn't decode.</summary>
    public static byte[]? Decode(string token)
    {
        try
        {
            return WebEncoders.Base64UrlDecode(token);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>Whether UTF-8 carries the user's auth id and claims exactly: they hold no lone surrogate.</summary>
    public static bool IsWellFormed(AuthUser user) =>
        IsWellFormed(user.AuthId!) && user.Claims.All(c => IsWellFormed(c.Type) && IsWellFormed(c.Value));

    /// <summary>Claims as text to compare and show: each type and value with every unusual character escaped.</summary>
    public static string Describe(IEnumerable<Claim> claims) =>
        string.Join(", ", claims.Select(c => $"{Printable(c.Type)}={Printable(c.Value)}"));

    /// <summary>The text with every character but letters, digits and <c>-_.:/ </c> written as <c>\uXXXX</c>.</summary>
    public static string Printable(string text)
    {
        var printed = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':' or '/' or ' ')
            {
                printed.Append(c);
            }
            else
            {
                printed.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
            }
        }

        return printed.ToString();
    }

    /// <summary>Whether UTF-8 carries the text exactly: it has no lone surrogate.</summary>
    public static bool IsWellFormed(string text)
    {
        var rest = text.AsSpan();
        while (Rune.DecodeFromUtf16(rest, out _, out var used) == OperationStatus.Done)
        {
            rest = rest[used..];
        }

        return rest.IsEmpty;
    }
}
