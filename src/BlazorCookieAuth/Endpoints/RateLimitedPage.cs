using System.Text.Encodings.Web;

namespace BlazorCookieAuth.Endpoints;

/// <summary>
/// The page a form post gets when its login was rate limited: it takes the browser straight back to the login page,
/// which says why. The markup is <c>RateLimitedPage.html</c>, embedded in the assembly, with <c>{loginPage}</c>
/// where the login page's URL goes, HTML-encoded.
/// </summary>
internal static class RateLimitedPage
{
    private const string LoginPagePlaceholder = "{loginPage}";

    private static readonly string Template = ReadTemplate();

    /// <summary>The page, sending the browser to <paramref name="loginPageUrl"/>.</summary>
    public static string Render(string loginPageUrl) =>
        Template.Replace(LoginPagePlaceholder, HtmlEncoder.Default.Encode(loginPageUrl), StringComparison.Ordinal);

    private static string ReadTemplate()
    {
        using var stream = typeof(RateLimitedPage).Assembly.GetManifestResourceStream(typeof(RateLimitedPage).FullName + ".html")
            ?? throw new InvalidOperationException($"The {typeof(RateLimitedPage).FullName}.html resource is missing from the assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
