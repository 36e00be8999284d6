using BlazorCookieAuth.Sessions;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BlazorCookieAuth.Authentication;

/// <summary>Logs, once at startup, the settings that are legal but insecure.</summary>
internal sealed class StartupWarnings(
    IOptionsMonitor<BlazorCookieAuthOptions> options,
    BlazorCookieAuthScheme scheme,
    IAuthSessionStore sessionStore,
    IHostEnvironment environment,
    ILogger<StartupWarnings> logger) : IHostedService
{
    /// <summary>The longest a browser keeps a cookie (Chrome caps Max-Age and Expires there).</summary>
    private static readonly TimeSpan MaxBrowserCookieLifetime = TimeSpan.FromDays(400);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (sessionStore is MemoryAuthSessionStore && environment.IsProduction())
        {
            logger.MemorySessionStoreInProduction();
        }

        var current = options.Get(scheme.Name);
        if (!current.ReadsCookie)
        {
            return Task.CompletedTask;
        }

        if (!current.CookieSecure)
        {
            logger.InsecureCookie(scheme.Name);
        }

        if (!current.CookieHttpOnly)
        {
            logger.ScriptReadableCookie(scheme.Name);
        }

        if (current.CookieSameSite == SameSiteMode.None)
        {
            logger.CrossSiteCookie(scheme.Name);
        }

        if (current.CookieSameSite == SameSiteMode.Unspecified)
        {
            logger.UnspecifiedSameSiteCookie(scheme.Name);
        }

        if (current.CookieSecure
            && !current.CookieName!.StartsWith("__Host-", StringComparison.OrdinalIgnoreCase)
            && !current.CookieName.StartsWith("__Secure-", StringComparison.OrdinalIgnoreCase))
        {
            logger.UnprefixedCookieName(current.CookieName, scheme.Name);
        }

        if (current.CookieDomain is { } domain)
        {
            logger.DomainCookie(domain, scheme.Name);
        }

        if (current.Duration > MaxBrowserCookieLifetime)
        {
            logger.DurationPastBrowserLimit(Math.Round(current.Duration.TotalDays, 1), scheme.Name);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
