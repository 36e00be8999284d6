using Microsoft.Extensions.Options;

namespace BlazorCookieAuth.Authentication;

/// <summary>Fills in the cookie names from the scheme name and the cookie attributes.</summary>
internal sealed class PostConfigureBlazorCookieAuthOptions : IPostConfigureOptions<BlazorCookieAuthOptions>
{
    public void PostConfigure(string? name, BlazorCookieAuthOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.CookieName ??= DefaultCookieName(name, options);
        options.FreshCookieName = options.CookieName + AuthCookies.FreshCookieSuffix;
    }

    private static string DefaultCookieName(string? name, BlazorCookieAuthOptions options)
    {
        var baseName = Uri.EscapeDataString(name ?? BlazorCookieAuthDefaults.AuthenticationScheme);
        if (options.CookieSecure && options.CookieDomain is null && options.CookiePath == "/")
        {
            return "__Host-" + baseName;
        }

        return options.CookieSecure ? "__Secure-" + baseName : baseName;
    }
}
