using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;

namespace BlazorCookieAuth.Endpoints;

/// <summary>
/// Decides whether a return URL stays on this site. Only an absolute path is local: not <c>//host</c>,
/// not <c>/\host</c> (browsers read both as another host), and no control characters (browsers drop tabs
/// and newlines, which would turn <c>/\t/host</c> into <c>//host</c>). Nor a URL longer than
/// <see cref="MaxLength"/> as a header carries it, so a return URL can't blow up a <c>Location</c> header; and one
/// is carried to the login page only when it fits in <see cref="MaxLength"/> as a query encodes it too
/// (<see cref="AddReturnUrl"/>).
/// </summary>
internal static class LocalUrl
{
    /// <summary>The longest local URL, in characters of its <c>Location</c> header form (<see cref="ToHeaderValue"/>).</summary>
    public const int MaxLength = 2048;

    public static bool IsLocal(string? url)
    {
        if (string.IsNullOrEmpty(url) || url[0] != '/' || url.Length > MaxLength || ToHeaderValue(url).Length > MaxLength)
        {
            return false;
        }

        if (url.Length > 1 && (url[1] == '/' || url[1] == '\\'))
        {
            return false;
        }

        foreach (var c in url)
        {
            if (char.IsControl(c) || c == '\\')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The URL as a <c>Location</c> header value: characters outside printable ASCII (a space, <c>é</c>) are
    /// percent-encoded as UTF-8, since a header can't carry them raw. Existing escapes are left alone.
    /// </summary>
    public static string ToHeaderValue(string url)
    {
        if (!url.Any(c => c is <= ' ' or > '~'))
        {
            return url;
        }

        var builder = new StringBuilder(url.Length + 16);
        Span<byte> utf8 = stackalloc byte[4];
        for (var i = 0; i < url.Length; i++)
        {
            var c = url[i];
            if (c is > ' ' and <= '~')
            {
                builder.Append(c);
                continue;
            }

            var length = char.IsHighSurrogate(c) && i + 1 < url.Length
                ? Encoding.UTF8.GetBytes(url.AsSpan(i++, 2), utf8)
                : Encoding.UTF8.GetBytes(url.AsSpan(i, 1), utf8);
            foreach (var b in utf8[..length])
            {
                builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }

    /// <summary>
    /// <paramref name="query"/> with <paramref name="returnUrl"/> added as <paramref name="parameter"/> when it is
    /// local and at most <see cref="MaxLength"/> characters as the query encodes it, else <paramref name="query"/>
    /// as it is. The encoding triples every <c>/</c>, <c>?</c> or <c>%</c>, so without the second limit a local URL
    /// would carry past 6 KB into the login page's address, beyond the 4 KB some proxies allow for a response's headers.
    /// </summary>
    /// <param name="query">An empty query, or one that starts with <c>?</c>.</param>
    /// <param name="parameter">The return URL's parameter name.</param>
    /// <param name="returnUrl">The URL to come back to.</param>
    public static string AddReturnUrl(string query, string parameter, string? returnUrl)
    {
        if (!IsLocal(returnUrl))
        {
            return query;
        }

        var encoded = UrlEncoder.Default.Encode(returnUrl!);
        return encoded.Length > MaxLength
            ? query
            : (query.Length == 0 ? "?" : query + "&") + UrlEncoder.Default.Encode(parameter) + "=" + encoded;
    }

    /// <summary>
    /// The address of one of the app's pages (the login or access-denied page) carrying <paramref name="returnUrl"/>:
    /// the only place the kit builds one, for the handler's redirects, the endpoints' answers and the components.
    /// </summary>
    /// <param name="basePath">The app's base: a path base such as <c>/app</c> or empty, or an absolute base URI.</param>
    /// <param name="pagePath">The page's path within the app, such as <c>/login</c>.</param>
    /// <param name="parameter">The return URL's parameter name.</param>
    /// <param name="returnUrl">The URL to come back to; left out unless it is local and short enough to carry.</param>
    /// <param name="query">Other parameters for the page: empty, or a query that starts with <c>?</c>.</param>
    public static string PageWithReturnUrl(string basePath, string pagePath, string parameter, string? returnUrl, string query = "") =>
        basePath.TrimEnd('/') + pagePath + AddReturnUrl(query, parameter, returnUrl);

    /// <summary>The URL when it is local, else <paramref name="fallback"/>.</summary>
    public static string OrDefault(string? url, string fallback) => IsLocal(url) ? url! : fallback;

    /// <summary>
    /// Whether <paramref name="path"/>, relative to the app's base, is the login page, which must never need a login
    /// itself: the login path in any letter case, with or without a trailing slash.
    /// </summary>
    public static bool IsLoginPage(string path, string loginPath) =>
        path.StartsWith(loginPath, StringComparison.OrdinalIgnoreCase)
        && (path.Length == loginPath.Length || (path.Length == loginPath.Length + 1 && path[^1] == '/'));
}
