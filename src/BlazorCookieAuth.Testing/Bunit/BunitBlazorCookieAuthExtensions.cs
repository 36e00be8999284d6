using Bunit;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace BlazorCookieAuth.Testing;

/// <summary>
/// Sets up BlazorCookieAuth in a bUnit test context, so components see the kit's real authentication state,
/// <see cref="ICurrentUser"/>, authorization and components.
/// </summary>
public static class BunitBlazorCookieAuthExtensions
{
    /// <summary>
    /// Adds BlazorCookieAuth's services to the test context, with an anonymous user to start with, the real
    /// authorization service (so <c>Roles</c> and <c>Policy</c> are checked for real), a fixed antiforgery
    /// token for forms, and Data Protection keys kept in memory. Call it before the first render; add policies with <c>ctx.Services.AddAuthorizationCore(...)</c>.
    /// </summary>
    /// <param name="context">The bUnit test context.</param>
    /// <param name="configure">Sets the kit's options, such as <see cref="BlazorCookieAuthOptions.LoginPath"/>.</param>
    /// <returns>The handle that sets the signed-in user.</returns>
    public static BunitBlazorCookieAuthContext AddBlazorCookieAuth(this BunitContext context, Action<BlazorCookieAuthOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        var services = context.Services;
        var builder = services.AddBlazorCookieAuth(configure ?? (_ => { }));

        // bUnit registers placeholders that throw; the kit's components deserve the real services.
        services.RemoveAll<IAuthorizationService>();
        services.AddAuthorizationCore();
        services.Replace(ServiceDescriptor.Singleton<AntiforgeryStateProvider, BunitAntiforgeryStateProvider>());

        // Keys in memory: a component test has no business writing to the machine's key ring.
        services.Replace(ServiceDescriptor.Singleton<IDataProtectionProvider, EphemeralDataProtectionProvider>());

        // Start anonymous, as a request without a cookie would; the framework sets the state in a real app.
        var kitProvider = services.Last(d => d.ServiceType == typeof(AuthenticationStateProvider));
        services.Replace(ServiceDescriptor.Scoped<AuthenticationStateProvider>(serviceProvider =>
        {
            var provider = (AuthenticationStateProvider)ActivatorUtilities.CreateInstance(serviceProvider, kitProvider.ImplementationType!);
            ((IHostEnvironmentAuthenticationStateProvider)provider).SetAuthenticationState(BunitBlazorCookieAuthContext.AnonymousState);
            return provider;
        }));

        return new BunitBlazorCookieAuthContext(services, builder);
    }
}
