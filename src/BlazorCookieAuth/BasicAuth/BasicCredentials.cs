using System.Text;
using System.Text.Unicode;
using Microsoft.Extensions.Primitives;

namespace BlazorCookieAuth.BasicAuth;

/// <summary>
/// The username and password of an <c>Authorization: Basic</c> header (RFC 7617): base64 of the UTF-8 text
/// <c>username:password</c>, the username ending at the first colon. A header that says Basic but can't be read carries
/// the reason instead, never the header's text.
/// </summary>
internal sealed class BasicCredentials
{
    /// <summary>
    /// The longest base64 text read, 4,096 characters: credentials of about 3 KB. Longer is refused unread, so one
    /// request can't make the server decode an arbitrarily large header.
    /// </summary>
    public const int MaxEncodedLength = 4096;

    private const string Scheme = "Basic";

    private BasicCredentials(string username, string password, string? problem)
    {
        Username = username;
        Password = password;
        Problem = problem;
    }

    /// <summary>The username, or empty when <see cref="Problem"/> is set.</summary>
    public string Username { get; }

    /// <summary>The password, or empty when <see cref="Problem"/> is set.</summary>
    public string Password { get; }

    /// <summary>Why the credentials can't be read, for the logs; <see langword="null"/> when they were read.</summary>
    public string? Problem { get; }

    /// <summary>
    /// Reads the request's <c>Authorization</c> header: <see langword="null"/> when it holds no Basic credentials (no
    /// header, or another scheme such as Bearer), else the credentials or why they can't be read.
    /// </summary>
    public static BasicCredentials? Read(StringValues authorization)
    {
        if (authorization.Count > 1)
        {
            return authorization.Any(IsBasic) ? Unreadable("more than one Authorization header") : null;
        }

        var header = authorization.ToString();
        if (!IsBasic(header))
        {
            return null;
        }

        var encoded = header.AsSpan(Scheme.Length).Trim(' ');
        if (encoded.IsEmpty)
        {
            return Unreadable("nothing after Basic");
        }

        if (encoded.Length > MaxEncodedLength)
        {
            return Unreadable($"longer than {MaxEncodedLength} characters");
        }

        Span<byte> bytes = stackalloc byte[MaxEncodedLength / 4 * 3];
        if (!Convert.TryFromBase64Chars(encoded, bytes, out var length))
        {
            return Unreadable("not base64");
        }

        var decoded = bytes[..length];
        if (!Utf8.IsValid(decoded))
        {
            return Unreadable("not UTF-8");
        }

        var colon = decoded.IndexOf((byte)':');
        if (colon < 0)
        {
            return Unreadable("no colon between username and password");
        }

        return new BasicCredentials(Encoding.UTF8.GetString(decoded[..colon]), Encoding.UTF8.GetString(decoded[(colon + 1)..]), null);
    }

    /// <summary>Whether <paramref name="header"/> names the Basic scheme, in any case, alone or before a space.</summary>
    private static bool IsBasic(string? header) =>
        header is not null
        && header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase)
        && (header.Length == Scheme.Length || header[Scheme.Length] == ' ');

    private static BasicCredentials Unreadable(string problem) => new(string.Empty, string.Empty, problem);
}
