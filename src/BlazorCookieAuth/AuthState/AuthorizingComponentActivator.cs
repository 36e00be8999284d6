using System.Collections.Concurrent;
using System.Reflection;
using BlazorCookieAuth.Sessions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BlazorCookieAuth.AuthState;

/// <summary>
/// Creates components as the framework does, but refuses to create an <c>[Authorize]</c> page for an anonymous
/// user in a circuit. <c>AuthorizeRouteView</c> never asks for one, so the request means the app's Routes.razor
/// renders pages with a plain <c>RouteView</c> while navigation is interactive: the page would be shown to anyone
/// who reaches it by a link. The refusal fails the circuit, so nothing of the page reaches the browser, and the
/// error logged names the fix.
/// </summary>
internal sealed class AuthorizingComponentActivator(IServiceProvider services) : IComponentActivator
{
    /// <summary>Per component type, once: how to create it (with constructor injection, as the framework's own activator allows), and whether it is a protected page.</summary>
    private static readonly ConcurrentDictionary<Type, (ObjectFactory Create, bool IsProtectedPage)> Types = new();

    public IComponent CreateInstance(Type componentType)
    {
        ArgumentNullException.ThrowIfNull(componentType);
        var (create, isProtectedPage) = Types.GetOrAdd(componentType, type => (ActivatorUtilities.CreateFactory(type, Type.EmptyTypes), IsProtectedPage(type)));
        if (isProtectedPage && services.GetService<CircuitScope>()?.IsCircuit == true && IsAnonymous())
        {
            services.GetRequiredService<ILogger<AuthorizingComponentActivator>>().ProtectedPageWithoutAuthorizeRouteView(componentType.FullName!);
            throw new InvalidOperationException(ProtectedPageMessage(componentType));
        }

        return (IComponent)create(services, null);
    }

    internal static string ProtectedPageMessage(Type page) =>
        $"The page {page.FullName} has [Authorize] but was about to render in a circuit for a user who is not logged in, " +
        "so it was not rendered. Routes.razor renders pages with a plain RouteView, which ignores [Authorize] once navigation " +
        "is interactive: use <AuthorizeRouteView> in its place (with <NotAuthorized><RedirectToLogin /></NotAuthorized>).";

    /// <summary>A routable page that requires a login: <c>[Authorize]</c> (from the page or its <c>_Imports.razor</c>) without <c>[AllowAnonymous]</c>.</summary>
    private static bool IsProtectedPage(Type type)
    {
        var attributes = type.GetCustomAttributes(inherit: true);
        return type.IsDefined(typeof(RouteAttribute), inherit: false)
            && attributes.OfType<IAuthorizeData>().Any()
            && !attributes.OfType<IAllowAnonymous>().Any();
    }

    /// <summary>Whether the circuit's user is known to be anonymous; a state still being worked out counts as unknown.</summary>
    private bool IsAnonymous()
    {
        var state = services.GetRequiredService<AuthenticationStateProvider>().GetAuthenticationStateAsync();
        return state.IsCompletedSuccessfully && state.Result.User.Identity?.IsAuthenticated != true;
    }
}
