using Microsoft.Extensions.Options;

namespace BlazorCookieAuth.Authentication;

/// <summary>Fills in the cookie name from the scheme name and the cookie attributes.</summary>
internal sealed class PostConfigureBlazorCookieAuthOptions : IPostConfigureOptions<BlazorCookieAuthOptions>
{
    public void PostConfigure(string? name, BlazorCookieAuthOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.CookieName is not null)
        {
            return;
        }

        var baseName = Uri.EscapeDataString(name ?? BlazorCookieAuthDefaults.AuthenticationScheme);
        if (options.CookieSecure && options.CookieDomain is null && options.CookiePath == "/")
        {
            options.CookieName = "__Host-" + baseName;
        }
        else if (options.CookieSecure)
        {
            options.CookieName = "__Secure-" + baseName;
        }
        else
        {
            options.CookieName = baseName;
        }
    }
}
