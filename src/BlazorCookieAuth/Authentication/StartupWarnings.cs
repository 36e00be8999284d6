using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BlazorCookieAuth.Authentication;

/// <summary>Logs, once at startup, the settings that are legal but insecure.</summary>
internal sealed class StartupWarnings(
    IOptionsMonitor<BlazorCookieAuthOptions> options,
    BlazorCookieAuthScheme scheme,
    ILogger<StartupWarnings> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Get(scheme.Name).CookieSecure)
        {
            logger.InsecureCookie(scheme.Name);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
