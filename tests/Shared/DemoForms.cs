using System.Net;
using System.Text.RegularExpressions;

namespace BlazorCookieAuth.Tests.Shared;

/// <summary>
/// Fills in the demo's HTML forms the way a browser does: fetch the page, take its antiforgery token,
/// and post the form fields to the form's action. Linked into each project that drives the demo over HTTP.
/// </summary>
internal static partial class DemoForms
{
    /// <summary>Fetches <paramref name="pagePath"/> and returns the antiforgery token of its (first) form.</summary>
    public static async Task<string> ReadAntiforgeryTokenAsync(HttpClient client, string pagePath)
    {
        var html = await client.GetStringAsync(pagePath);
        return AntiforgeryToken(html)
            ?? throw new InvalidOperationException($"{pagePath} has no antiforgery token field.");
    }

    /// <summary>The value of the page's antiforgery token field, or <see langword="null"/>.</summary>
    public static string? AntiforgeryToken(string html)
    {
        var match = AntiforgeryField().Match(html);
        return match.Success ? WebUtility.HtmlDecode(match.Groups["value"].Value) : null;
    }

    /// <summary>Fills in and posts the login page's form.</summary>
    public static async Task<HttpResponseMessage> LogInAsync(
        HttpClient client, string username, string password, bool remember = false, string returnUrl = "")
    {
        var token = await ReadAntiforgeryTokenAsync(client, "/login");
        var fields = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["returnUrl"] = returnUrl,
            ["username"] = username,
            ["password"] = password,
        };
        if (remember)
        {
            fields["remember"] = "true";
        }

        using var form = new FormUrlEncodedContent(fields);
        return await client.PostAsync(new Uri("/auth/login", UriKind.Relative), form);
    }

    /// <summary>
    /// Fills in and posts the re-authentication page's form, as a signed-in user sent there from
    /// <paramref name="returnUrl"/> does.
    /// </summary>
    public static async Task<HttpResponseMessage> ReauthenticateAsync(HttpClient client, string password, string returnUrl)
    {
        var token = await ReadAntiforgeryTokenAsync(client, "/reauthenticate?returnUrl=" + Uri.EscapeDataString(returnUrl));
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["returnUrl"] = returnUrl,
            ["password"] = password,
        });
        return await client.PostAsync(new Uri("/auth/reauthenticate", UriKind.Relative), form);
    }

    /// <summary>Posts the layout's logout form as shown on <paramref name="pagePath"/>.</summary>
    public static async Task<HttpResponseMessage> LogOutAsync(HttpClient client, string pagePath) =>
        await PostLogoutFormAsync(client, await ReadLogoutFormAsync(client, pagePath));

    /// <summary>The fields of the layout's logout form as shown on <paramref name="pagePath"/>: its antiforgery token and return URL.</summary>
    public static async Task<IReadOnlyDictionary<string, string>> ReadLogoutFormAsync(HttpClient client, string pagePath)
    {
        var html = await client.GetStringAsync(pagePath);
        var logoutForm = LogoutForm().Match(html);
        if (!logoutForm.Success)
        {
            throw new InvalidOperationException($"{pagePath} shows no logout form.");
        }

        return new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = AntiforgeryToken(logoutForm.Value)!,
            ["returnUrl"] = WebUtility.HtmlDecode(ReturnUrlField().Match(logoutForm.Value).Groups["value"].Value),
        };
    }

    /// <summary>Posts a logout form's fields, as read from its page, perhaps a while ago, by a click on its button.</summary>
    public static async Task<HttpResponseMessage> PostLogoutFormAsync(HttpClient client, IReadOnlyDictionary<string, string> fields)
    {
        using var form = new FormUrlEncodedContent(fields);
        return await client.PostAsync(new Uri("/auth/logout", UriKind.Relative), form);
    }

    /// <summary>
    /// Fetches <paramref name="pagePath"/> and posts its Blazor form named <paramref name="formName"/> back to the
    /// page, with that form's antiforgery token and <paramref name="fields"/>, as a click on its button does.
    /// </summary>
    public static async Task<HttpResponseMessage> SubmitPageFormAsync(
        HttpClient client, string pagePath, string formName, IDictionary<string, string>? fields = null)
    {
        var html = await client.GetStringAsync(new Uri(pagePath, UriKind.Relative));
        var form = NamedForms().Matches(html).FirstOrDefault(m => WebUtility.HtmlDecode(m.Groups["name"].Value) == formName)
            ?? throw new InvalidOperationException($"{pagePath} shows no form named '{formName}'.");
        return await PostPageFormAsync(client, pagePath, formName, AntiforgeryToken(form.Value)!, fields);
    }

    /// <summary>Posts a Blazor form by name to its page, as a browser would with the given token.</summary>
    public static async Task<HttpResponseMessage> PostPageFormAsync(
        HttpClient client, string pagePath, string formName, string antiforgeryToken, IDictionary<string, string>? fields = null)
    {
        var all = new Dictionary<string, string>(fields ?? new Dictionary<string, string>())
        {
            ["_handler"] = formName,
            ["__RequestVerificationToken"] = antiforgeryToken,
        };
        using var content = new FormUrlEncodedContent(all);
        return await client.PostAsync(new Uri(pagePath, UriKind.Relative), content);
    }

    /// <summary>The names of the Blazor forms on a page, in page order.</summary>
    public static IReadOnlyList<string> FormNames(string html) =>
        [.. NamedForms().Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups["name"].Value))];

    /// <summary>The status code of a GET, such as 200 for a signed-in page or 302 to the login page.</summary>
    public static async Task<HttpStatusCode> StatusOfAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        return response.StatusCode;
    }

    /// <summary>
    /// The auth cookie's Set-Cookie header on a response, or <see langword="null"/> when it sets none. Of several (a
    /// page handler that confirms the password and then logs out), the last, which is the one a browser keeps.
    /// </summary>
    public static string? AuthSetCookie(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values)
            ? values.LastOrDefault(v => v.StartsWith(AuthCookieName + "=", StringComparison.Ordinal))
            : null;

    /// <summary>The demo's auth cookie name: the kit's secure default.</summary>
    public const string AuthCookieName = "__Host-BlazorCookieAuth";

    [GeneratedRegex(""""<input[^>]*name="__RequestVerificationToken"[^>]*value="(?<value>[^"]+)"""")]
    private static partial Regex AntiforgeryField();

    [GeneratedRegex(""""<input[^>]*name="returnUrl"[^>]*value="(?<value>[^"]*)"""")]
    private static partial Regex ReturnUrlField();

    [GeneratedRegex("""<form[^>]*action="auth/logout".*?</form>""", RegexOptions.Singleline)]
    private static partial Regex LogoutForm();

    [GeneratedRegex(""""<form[^>]*method="post"[^>]*><input type="hidden" name="_handler" value="(?<name>[^"]*)".*?</form>"""", RegexOptions.Singleline)]
    private static partial Regex NamedForms();
}
