using System.Buffers.Text;
using System.Security.Cryptography;
using BlazorCookieAuth.Tokens;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;

namespace BlazorCookieAuth.Authentication;

/// <summary>
/// The kit's cookies: the login cookie, which carries the token, and beside a remembered login's the browser-session
/// <c>-fresh</c> cookie, which carries its browser secret. Reads them from a request, and writes, renews and deletes
/// them on its response; every response that writes or deletes one is marked <c>no-store</c>.
/// </summary>
internal static class AuthCookies
{
    /// <summary>Added to the login cookie's name for the browser-session cookie of a remembered login.</summary>
    internal const string FreshCookieSuffix = "-fresh";

    /// <summary>Set on the request when this response writes or deletes the cookies, so a pending delete is skipped.</summary>
    private static readonly object WrittenKey = new();

    /// <summary>The base64url length of a browser secret.</summary>
    private static readonly int BrowserSecretTextLength = WebEncoders.Base64UrlEncode(new byte[AuthTokenFormat.BrowserSecretBytes]).Length;

    /// <summary>The login cookie's token, when the request sent a non-empty one.</summary>
    public static bool TryReadToken(HttpRequest request, BlazorCookieAuthOptions options, out string token) =>
        request.Cookies.TryGetValue(options.Cookie.Name!, out token!) && token.Length > 0;

    /// <summary>
    /// Whether the <c>Cookie</c> headers name the login cookie more than once, or in other letter case. A name counts
    /// as the framework's cookie collection reads it, in any case and after spaces or tabs, while browsers keep
    /// <c>name</c> and <c>NAME</c> apart (and some apply the <c>__Host-</c> rules to the exact prefix only): a cookie
    /// planted under the other case would otherwise be read, alone or in place of the real one.
    /// </summary>
    public static bool SentTwice(HttpRequest request, BlazorCookieAuthOptions options)
    {
        var name = options.Cookie.Name!;
        var seen = 0;
        foreach (var header in request.Headers.Cookie)
        {
            var rest = header.AsSpan();
            while (!rest.IsEmpty)
            {
                var end = rest.IndexOf(';');
                var pair = (end < 0 ? rest : rest[..end]).TrimStart(" \t");
                if (pair.Length > name.Length && pair[name.Length] == '=' && pair.StartsWith(name, StringComparison.OrdinalIgnoreCase)
                    && (++seen > 1 || !pair.StartsWith(name, StringComparison.Ordinal)))
                {
                    return true;
                }

                rest = end < 0 ? default : rest[(end + 1)..];
            }
        }

        return false;
    }

    /// <summary>Whether the request comes from the browser session that entered the credentials for <paramref name="token"/>.</summary>
    public static bool BrowserSessionContinues(HttpRequest request, BlazorCookieAuthOptions options, AuthToken token)
    {
        if (token.BrowserSecret is null)
        {
            // A browser-session cookie, or a bearer token: nothing outlives the login to restore it.
            return true;
        }

        if (!request.Cookies.TryGetValue(options.FreshCookieName, out var sent) || sent.Length != BrowserSecretTextLength)
        {
            return false;
        }

        Span<byte> secret = stackalloc byte[AuthTokenFormat.BrowserSecretBytes];
        return Base64Url.TryDecodeFromChars(sent, secret, out var written)
            && CryptographicOperations.FixedTimeEquals(secret[..written], token.BrowserSecret);
    }

    /// <summary>
    /// Writes the token's cookie, persistent for a remembered login, and, when <paramref name="writeBrowserSecret"/>,
    /// the browser-session cookie with its secret; a browser-session cookie that doesn't belong to it is deleted.
    /// </summary>
    public static void Write(HttpContext context, BlazorCookieAuthOptions options, AuthToken issued, string token, bool writeBrowserSecret, ILogger logger)
    {
        var request = context.Request;
        var browserSession = options.Cookie.Build(context);

        // Browsers keep Secure cookies on http://localhost and loopback addresses, where apps are developed.
        if (browserSession.Secure && !request.IsHttps && !LoopbackHost.Is(request.Host.Host))
        {
            logger.SecureCookieOverHttp(request.Host.Value ?? string.Empty);
        }

        // A second write on one request (a re-authentication, then a credential change) replaces the first.
        ForgetEarlierWrites(context.Response, options.Cookie.Name!);
        ForgetEarlierWrites(context.Response, options.FreshCookieName);
        var cookies = context.Response.Cookies;
        var login = browserSession;
        if (issued.User.IsPersistent)
        {
            login = new CookieOptions(browserSession) { MaxAge = issued.ExpiresAt - issued.User.IssuedAt!.Value };
        }

        cookies.Append(options.Cookie.Name!, token, login);
        if (issued.BrowserSecret is not null && writeBrowserSecret)
        {
            cookies.Append(options.FreshCookieName, WebEncoders.Base64UrlEncode(issued.BrowserSecret), browserSession);
        }
        else if (request.Cookies.ContainsKey(options.FreshCookieName))
        {
            cookies.Delete(options.FreshCookieName, browserSession);
        }

        Written(context);
    }

    /// <summary>Removes the <c>Set-Cookie</c> headers for <paramref name="name"/> that this response already carries.</summary>
    private static void ForgetEarlierWrites(HttpResponse response, string name)
    {
        var written = response.Headers.SetCookie;
        if (written.Count == 0)
        {
            return;
        }

        var prefix = name + "=";
        string?[] kept = [.. written.Where(value => value is not null && !value.StartsWith(prefix, StringComparison.Ordinal))];
        if (kept.Length != written.Count)
        {
            response.Headers.SetCookie = kept;
        }
    }

    /// <summary>Deletes the login cookies.</summary>
    public static void Delete(HttpContext context, BlazorCookieAuthOptions options)
    {
        var cookies = context.Response.Cookies;
        var attributes = options.Cookie.Build(context);
        cookies.Delete(options.Cookie.Name!, attributes);
        if (context.Request.Cookies.ContainsKey(options.FreshCookieName))
        {
            cookies.Delete(options.FreshCookieName, attributes);
        }

        Written(context);
    }

    /// <summary>
    /// Deletes the login cookies when the response starts, unless a login or logout on this request wrote or deleted
    /// them by then: a rejected cookie goes, a new one stays.
    /// </summary>
    public static void DeleteWhenResponding(HttpContext context, BlazorCookieAuthOptions options)
    {
        if (context.Response.HasStarted)
        {
            return;
        }

        context.Response.OnStarting(() =>
        {
            if (!context.Items.ContainsKey(WrittenKey))
            {
                Delete(context, options);
            }

            return Task.CompletedTask;
        });
    }

    /// <summary>Marks the response as one that sets the login cookies; it must never be cached, or a cache could replay it.</summary>
    private static void Written(HttpContext context)
    {
        context.Items[WrittenKey] = true;
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers.Pragma = "no-cache";
    }
}
