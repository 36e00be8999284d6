using BlazorCookieAuth;
using BlazorCookieAuth.Components;
using BlazorCookieAuth.Components.Client;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Sets up BlazorCookieAuth in a WebAssembly client (the <c>.Client</c> project of a Blazor Web App).</summary>
public static class BlazorCookieAuthClientServiceCollectionExtensions
{
    /// <summary>
    /// Lets WebAssembly components see the signed-in user: <c>&lt;CurrentUser&gt;</c>, <c>&lt;RequireLogin&gt;</c>,
    /// <c>&lt;LogoutButton&gt;</c>, <c>AuthorizeView</c> and <see cref="ICurrentUser"/> read the user the server wrote
    /// into the page (its auth id, name and role claims, times, and whether it was remembered; never the token). The
    /// login is checked with the server every <c>RevalidationInterval</c>, when the tab is shown again, and at once
    /// when another tab of the browser logs out; when it has ended, or can't be checked, the components see an
    /// anonymous user. Call it in the <c>.Client</c> project's <c>Program.cs</c>; the server needs
    /// <c>AddBlazorCookieAuth</c> as usual.
    /// </summary>
    /// <param name="services">The client's services.</param>
    /// <returns>The same services, for chaining.</returns>
    public static IServiceCollection AddBlazorCookieAuthClient(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);

        services.AddAuthorizationCore();
        services.AddCascadingAuthenticationState();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddScoped<PersistedAuthState>();
        services.TryAddScoped<IAuthLocations>(sp => sp.GetRequiredService<PersistedAuthState>());
        services.TryAddScoped(sp => new SessionCheck(
            new HttpClient { BaseAddress = new Uri(sp.GetRequiredService<NavigationManager>().BaseUri), Timeout = TimeSpan.FromSeconds(10) },
            sp.GetRequiredService<IAuthLocations>()));
        services.TryAddScoped<ClientAuthStateProvider>();
        // In place of any provider registered before, as the server package does: one source of the user per app.
        services.Replace(ServiceDescriptor.Scoped<AuthenticationStateProvider>(sp => sp.GetRequiredService<ClientAuthStateProvider>()));
        services.TryAddScoped<ICurrentUser, ClientCurrentUser>();
        return services;
    }
}
