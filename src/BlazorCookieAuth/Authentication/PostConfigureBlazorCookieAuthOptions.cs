using Microsoft.Extensions.Options;

namespace BlazorCookieAuth.Authentication;

/// <summary>Fills in the cookie names from the scheme name and the cookie attributes.</summary>
internal sealed class PostConfigureBlazorCookieAuthOptions : IPostConfigureOptions<BlazorCookieAuthOptions>
{
    public void PostConfigure(string? name, BlazorCookieAuthOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Cookie.Name ??= DefaultCookieName(name, options);
        options.FreshCookieName = options.Cookie.Name + AuthCookies.FreshCookieSuffix;
    }

    private static string DefaultCookieName(string? name, BlazorCookieAuthOptions options)
    {
        var baseName = Uri.EscapeDataString(name ?? BlazorCookieAuthDefaults.AuthenticationScheme);
        if (options.CookieAlwaysSecure && options.Cookie.Domain is null && options.Cookie.Path is null or "/")
        {
            return "__Host-" + baseName;
        }

        return options.CookieAlwaysSecure ? "__Secure-" + baseName : baseName;
    }
}
