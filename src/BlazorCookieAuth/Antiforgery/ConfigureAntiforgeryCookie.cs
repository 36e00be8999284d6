using BlazorCookieAuth.Authentication;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace BlazorCookieAuth.Antiforgery;

/// <summary>
/// Gives the antiforgery cookie the <c>__Host-</c> prefix and the Secure flag, as the login cookie has: without
/// them a sibling subdomain, or a plain-HTTP page of this host, can plant its own cookie and token pair and so
/// forge the login and logout posts. An app that configured its own antiforgery cookie (a name, a Domain or Path, a
/// builder of its own, or Always for its secure policy) keeps it, as does an app whose login cookie is not Secure.
/// </summary>
internal sealed class ConfigureAntiforgeryCookie(BlazorCookieAuthScheme scheme, IOptionsMonitor<BlazorCookieAuthOptions> authOptions)
    : IPostConfigureOptions<AntiforgeryOptions>
{
    /// <summary>The start of the name the framework gives the antiforgery cookie when the app gives none.</summary>
    private const string FrameworkNamePrefix = ".AspNetCore.Antiforgery.";

    public void PostConfigure(string? name, AntiforgeryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var cookie = options.Cookie;
        var isFrameworkDefault = cookie.GetType() == typeof(CookieBuilder)
            && cookie.Name?.StartsWith(FrameworkNamePrefix, StringComparison.Ordinal) == true
            && cookie.Domain is null
            && cookie.Path is null or "/"
            && cookie.SecurePolicy != CookieSecurePolicy.Always;
        if (!isFrameworkDefault || !authOptions.Get(scheme.Name).CookieAlwaysSecure)
        {
            return;
        }

        options.Cookie = new SecureHostCookieBuilder
        {
            Name = "__Host-" + cookie.Name![1..],
            Path = "/",
            HttpOnly = cookie.HttpOnly,
            SameSite = cookie.SameSite,
            SecurePolicy = cookie.SecurePolicy,
            IsEssential = cookie.IsEssential,
            Expiration = cookie.Expiration,
            MaxAge = cookie.MaxAge,
        };
        foreach (var extension in cookie.Extensions)
        {
            options.Cookie.Extensions.Add(extension);
        }
    }
}
