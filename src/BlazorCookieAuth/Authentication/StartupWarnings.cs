using BlazorCookieAuth.Endpoints;
using BlazorCookieAuth.Sessions;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BlazorCookieAuth.Authentication;

/// <summary>
/// Logs, once at startup, the settings that are legal but insecure; and once the app has started, the setups that
/// leave users silently logged out: endpoints never mapped, another scheme as the default, plain HTTP in Production.
/// </summary>
internal sealed class StartupWarnings(
    IOptionsMonitor<BlazorCookieAuthOptions> options,
    BlazorCookieAuthScheme scheme,
    IAuthSessionStore sessionStore,
    IHostEnvironment environment,
    IServiceProvider services,
    ILogger<StartupWarnings> logger) : IHostedService
{
    /// <summary>The longest a browser keeps a cookie (Chrome caps Max-Age and Expires there).</summary>
    private static readonly TimeSpan MaxBrowserCookieLifetime = TimeSpan.FromDays(400);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        // The pipeline (MapBlazorCookieAuth) and the server's addresses are known once the app has started.
        services.GetService<IHostApplicationLifetime>()?.ApplicationStarted.Register(() => CheckPipelineAsync().GetAwaiter().GetResult());
        WarnOfSettings();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task CheckPipelineAsync()
    {
        var current = options.Get(scheme.Name);
        var paths = services.GetRequiredService<AuthEndpointPaths>();
        if (!paths.IsMapped)
        {
            logger.EndpointsNotMapped(paths.Prefix);
        }

        var schemes = services.GetRequiredService<IAuthenticationSchemeProvider>();
        var authenticate = (await schemes.GetDefaultAuthenticateSchemeAsync().ConfigureAwait(false))?.Name;
        var challenge = (await schemes.GetDefaultChallengeSchemeAsync().ConfigureAwait(false))?.Name;
        foreach (var other in new[] { authenticate, challenge }.Distinct())
        {
            if (other is not null && other != scheme.Name)
            {
                logger.OtherDefaultScheme(other, scheme.Name);
            }
        }

        if (environment.IsProduction() && current.ReadsCookie && current.CookieAlwaysSecure
            && !services.GetRequiredService<IOptions<ForwardedHeadersOptions>>().Value.ForwardedHeaders.HasFlag(ForwardedHeaders.XForwardedProto)
            && services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault(IsPlainHttpBeyondLoopback) is { } address)
        {
            logger.PlainHttpInProduction(address);
        }
    }

    /// <summary>An http:// address that other machines reach: browsers drop Secure cookies there.</summary>
    private static bool IsPlainHttpBeyondLoopback(string address)
    {
        if (!address.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        return !LoopbackHost.Is(BindingAddress.Parse(address).Host);
    }

    private void WarnOfSettings()
    {
        if (sessionStore is MemoryAuthSessionStore && environment.IsProduction())
        {
            logger.MemorySessionStoreInProduction();
        }

        var current = options.Get(scheme.Name);
        if (!current.ReadsCookie)
        {
            return;
        }

        var cookie = current.Cookie;
        if (!current.CookieAlwaysSecure)
        {
            logger.InsecureCookie(cookie.SecurePolicy, scheme.Name);
        }

        if (!cookie.HttpOnly)
        {
            logger.ScriptReadableCookie(scheme.Name);
        }

        if (cookie.SameSite == SameSiteMode.None)
        {
            logger.CrossSiteCookie(scheme.Name);
        }

        if (cookie.SameSite == SameSiteMode.Unspecified)
        {
            logger.UnspecifiedSameSiteCookie(scheme.Name);
        }

        if (current.CookieAlwaysSecure
            && !cookie.Name!.StartsWith("__Host-", StringComparison.OrdinalIgnoreCase)
            && !cookie.Name.StartsWith("__Secure-", StringComparison.OrdinalIgnoreCase))
        {
            logger.UnprefixedCookieName(cookie.Name, scheme.Name);
        }

        if (cookie.Domain is { } domain)
        {
            logger.DomainCookie(domain, scheme.Name);
        }

        if (current.Duration > MaxBrowserCookieLifetime)
        {
            logger.DurationPastBrowserLimit(Math.Round(current.Duration.TotalDays, 1), scheme.Name);
        }
    }
}
