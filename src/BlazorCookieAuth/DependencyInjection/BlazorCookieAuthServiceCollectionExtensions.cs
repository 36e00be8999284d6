using BlazorCookieAuth;
using BlazorCookieAuth.Antiforgery;
using BlazorCookieAuth.Authentication;
using BlazorCookieAuth.AuthState;
using BlazorCookieAuth.Authorization;
using BlazorCookieAuth.Caching;
using BlazorCookieAuth.Components;
using BlazorCookieAuth.Diagnostics;
using BlazorCookieAuth.Endpoints;
using BlazorCookieAuth.Sessions;
using BlazorCookieAuth.Tokens;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Adds BlazorCookieAuth to an app's services.
/// </summary>
public static class BlazorCookieAuthServiceCollectionExtensions
{
    /// <summary>
    /// Adds the BlazorCookieAuth scheme with its secure defaults.
    /// </summary>
    /// <param name="services">The app's services.</param>
    /// <returns>A builder for the optional parts, such as <see cref="BlazorCookieAuthBuilder.AddCredentialValidator{TValidator}"/>.</returns>
    public static BlazorCookieAuthBuilder AddBlazorCookieAuth(this IServiceCollection services) =>
        services.AddBlazorCookieAuth(BlazorCookieAuthDefaults.AuthenticationScheme, configure: null);

    /// <summary>
    /// Adds the BlazorCookieAuth scheme, configured by <paramref name="configure"/>.
    /// </summary>
    /// <param name="services">The app's services.</param>
    /// <param name="configure">Sets the options, such as the login path and duration.</param>
    /// <returns>A builder for the optional parts, such as <see cref="BlazorCookieAuthBuilder.AddCredentialValidator{TValidator}"/>.</returns>
    public static BlazorCookieAuthBuilder AddBlazorCookieAuth(this IServiceCollection services, Action<BlazorCookieAuthOptions> configure) =>
        services.AddBlazorCookieAuth(BlazorCookieAuthDefaults.AuthenticationScheme, configure);

    /// <summary>
    /// Adds the BlazorCookieAuth scheme under a scheme name of your choice, configured by <paramref name="configure"/>.
    /// It works beside other schemes. Besides its own services, it changes five things app-wide, each of which the
    /// returned builder can turn off: the scheme becomes the default scheme unless the app already chose one
    /// (<see cref="BlazorCookieAuthBuilder.WithoutDefaultScheme"/>); the framework's antiforgery cookie gets the
    /// <c>__Host-</c> prefix (<see cref="BlazorCookieAuthBuilder.KeepFrameworkAntiforgeryCookie"/>); the
    /// <c>AuthenticationStateProvider</c> is the kit's, which revalidates circuits and hears logouts
    /// (<see cref="BlazorCookieAuthBuilder.KeepFrameworkAuthenticationStateProvider"/>); an <c>IComponentActivator</c>
    /// refuses <c>[Authorize]</c> pages to anonymous circuits that a plain <c>RouteView</c> would show
    /// (<see cref="BlazorCookieAuthBuilder.WithoutRouteViewGuard"/>); and the authorization result handler sends users
    /// who lack only a fresh login to the login page (<see cref="BlazorCookieAuthBuilder.KeepFrameworkAuthorizationResultHandler"/>).
    /// </summary>
    /// <param name="services">The app's services.</param>
    /// <param name="authenticationScheme">The scheme name.</param>
    /// <param name="configure">Sets the options, or <see langword="null"/> for the defaults.</param>
    /// <returns>A builder for the optional parts, such as <see cref="BlazorCookieAuthBuilder.AddCredentialValidator{TValidator}"/>.</returns>
    /// <exception cref="InvalidOperationException">BlazorCookieAuth was already added.</exception>
    public static BlazorCookieAuthBuilder AddBlazorCookieAuth(
        this IServiceCollection services,
        string authenticationScheme,
        Action<BlazorCookieAuthOptions>? configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(authenticationScheme);

        var existing = services.FirstOrDefault(d => d.ServiceType == typeof(BlazorCookieAuthScheme));
        if (existing?.ImplementationInstance is BlazorCookieAuthScheme added)
        {
            throw new InvalidOperationException(
                $"AddBlazorCookieAuth was already called (scheme '{added.Name}'). Call it once, and configure everything in that call.");
        }

        services.AddSingleton(new BlazorCookieAuthScheme(authenticationScheme));
        services.AddAuthentication()
            .AddScheme<BlazorCookieAuthOptions, BlazorCookieAuthHandler>(authenticationScheme, configure);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<AuthenticationOptions>, ConfigureDefaultScheme>());
        services.AddAuthorization();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<AuthorizationOptions>, ConfigureFreshLoginPolicy>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAuthorizationHandler, FreshLoginHandler>());
        UseFreshLoginResultHandler(services);
        services.AddAntiforgery();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<AntiforgeryOptions>, ConfigureAntiforgeryCookie>());
        services.AddHttpContextAccessor();

        // The kit's error answers are problem details written through IProblemDetailsService. AddProblemDetails only
        // adds what is missing, so an app's own AddProblemDetails(...) customization still applies to them.
        services.AddProblemDetails();
        services.AddRateLimiter(o => o.AddPolicy<string, LoginRateLimiterPolicy>(BlazorCookieAuthDefaults.LoginRateLimiterPolicy));
        services.AddDataProtection();

        services.AddOptions<BlazorCookieAuthOptions>(authenticationScheme).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<BlazorCookieAuthOptions>, PostConfigureBlazorCookieAuthOptions>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BlazorCookieAuthOptions>, BlazorCookieAuthOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, StartupWarnings>());

        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.TryAddSingleton<AuthTelemetry>();
        services.TryAddSingleton<IAuthSessionStore, MemoryAuthSessionStore>();
        services.TryAddSingleton<SessionEndNotices>();
        services.TryAddSingleton<CacheSweeper>();
        services.TryAddSingleton<SessionHandles>();
        services.TryAddSingleton<AuthSessions>();
        services.TryAddSingleton<IAuthSessionManager>(sp => sp.GetRequiredService<AuthSessions>());
        services.TryAddSingleton<IAuthSessionNotices>(sp => sp.GetRequiredService<AuthSessions>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, SessionCleanup>());
        services.TryAddSingleton<PendingSessionEnds>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, PendingSessionEndsRetry>());
        services.TryAddSingleton<AuthTokenFormat>();
        services.TryAddSingleton<ValidatedTokenCache>();
        services.TryAddSingleton<AuthTokenValidator>();
        services.TryAddSingleton<AuthTokenService>();
        services.TryAddSingleton<IAuthTokenService>(sp => sp.GetRequiredService<AuthTokenService>());
        services.TryAddSingleton<AuthLogins>();

        services.TryAddScoped<CircuitScope>();
        services.TryAddScoped<IAuthSession, AuthSession>();

        services.AddCascadingAuthenticationState();
        var frameworkStateProvider = services.LastOrDefault(d => d.ServiceType == typeof(AuthenticationStateProvider));
        services.Replace(ServiceDescriptor.Scoped<AuthenticationStateProvider, BlazorCookieAuthStateProvider>());
        services.TryAddEnumerable(ServiceDescriptor.Scoped<CircuitHandler, AuthStateCircuitHandler>());
        services.TryAddScoped<ICurrentUser, DefaultCurrentUser>();
        services.TryAddScoped<IComponentActivator, AuthorizingComponentActivator>();
        services.TryAddSingleton<AuthEndpointPaths>();
        services.TryAddSingleton<MiddlewareOrderCheck>();
        services.TryAddSingleton<LoginRateLimiter>();
        services.TryAddScoped<IAuthLocations, ServerAuthLocations>();
        services.TryAddEnumerable(ServiceDescriptor.Scoped<IHostEnvironmentAuthenticationStateProvider, WebAssemblyStatePersister>());

        return new BlazorCookieAuthBuilder(services, authenticationScheme) { FrameworkStateProvider = frameworkStateProvider };
    }

    /// <summary>
    /// Sends users who lack only a fresh login to the login page. An app that brought its own result handler
    /// keeps it; fresh-login failures then get its answer to a forbidden request.
    /// </summary>
    private static void UseFreshLoginResultHandler(IServiceCollection services)
    {
        var existing = services.LastOrDefault(d => d.ServiceType == typeof(IAuthorizationMiddlewareResultHandler));
        if (existing is null || existing.ImplementationType == typeof(AuthorizationMiddlewareResultHandler))
        {
            services.Replace(ServiceDescriptor.Singleton<IAuthorizationMiddlewareResultHandler, FreshLoginResultHandler>());
        }
    }
}
