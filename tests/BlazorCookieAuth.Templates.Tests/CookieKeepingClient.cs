using System.Net;
using System.Text.RegularExpressions;

namespace BlazorCookieAuth.Templates.Tests;

/// <summary>
/// An HTTP client for an app on plain http://127.0.0.1 that keeps cookies itself, Secure ones included, as
/// browsers do on loopback (HttpClient's own cookie container sends Secure cookies over HTTPS only). It
/// follows no redirects, so tests see each status code and Location header.
/// </summary>
internal sealed partial class CookieKeepingClient : IDisposable
{
    private readonly HttpClient client;
    private readonly Dictionary<string, string> cookies;

    /// <summary>A client for the app at <paramref name="baseAddress"/>, with <paramref name="cookies"/> kept from an earlier visit.</summary>
    public CookieKeepingClient(Uri baseAddress, IReadOnlyDictionary<string, string>? cookies = null)
    {
        client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(30),
        };
        this.cookies = new Dictionary<string, string>(cookies ?? new Dictionary<string, string>(), StringComparer.Ordinal);
    }

    /// <summary>The cookies the app has set so far, by name.</summary>
    public IReadOnlyDictionary<string, string> Cookies => cookies;

    public Task<HttpResponseMessage> GetAsync(string path) => SendAsync(new HttpRequestMessage(HttpMethod.Get, Relative(path)));

    public Task<HttpResponseMessage> PostFormAsync(string path, IEnumerable<KeyValuePair<string, string>> fields) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Post, Relative(path)) { Content = new FormUrlEncodedContent(fields) });

    /// <summary>GETs a page, expects 200, and returns its HTML.</summary>
    public async Task<string> GetPageAsync(string path)
    {
        using var response = await GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path} answered {(int)response.StatusCode}:\n{html}");
        return html;
    }

    /// <summary>The value of the hidden antiforgery field that <c>&lt;AntiforgeryToken /&gt;</c> renders.</summary>
    public static string AntiforgeryToken(string html)
    {
        var match = AntiforgeryField().Match(html);
        Assert.True(match.Success, "The page has no __RequestVerificationToken field:\n" + html);
        return WebUtility.HtmlDecode(match.Groups["token"].Value);
    }

    public void Dispose() => client.Dispose();

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
    {
        using (request)
        {
            if (cookies.Count > 0)
            {
                request.Headers.Add("Cookie", string.Join("; ", cookies.Select(c => $"{c.Key}={c.Value}")));
            }

            var response = await client.SendAsync(request);
            if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
            {
                foreach (var setCookie in setCookies)
                {
                    Keep(setCookie);
                }
            }

            return response;
        }
    }

    private void Keep(string setCookie)
    {
        var pair = setCookie.Split(';', 2)[0];
        var separator = pair.IndexOf('=', StringComparison.Ordinal);
        var name = pair[..separator].Trim();
        var value = pair[(separator + 1)..].Trim();
        var expired = setCookie.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase);
        if (value.Length == 0 || expired)
        {
            cookies.Remove(name);
        }
        else
        {
            cookies[name] = value;
        }
    }

    private static Uri Relative(string path) => new(path, UriKind.Relative);

    [GeneratedRegex("""name="__RequestVerificationToken"[^>]*\svalue="(?<token>[^"]+)""")]
    private static partial Regex AntiforgeryField();
}
