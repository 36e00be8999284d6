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

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
