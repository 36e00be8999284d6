using BlazorCookieAuth.Antiforgery;
using BlazorCookieAuth.Authentication;
using BlazorCookieAuth.Authorization;
using BlazorCookieAuth.AuthState;
using BlazorCookieAuth.BasicAuth;
using Microsoft.AspNetCore.Authentication;
using BlazorCookieAuth.Users;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace BlazorCookieAuth;

/// <summary>
/// Adds the optional parts of BlazorCookieAuth. Returned by <c>AddBlazorCookieAuth</c>.
/// </summary>
public sealed class BlazorCookieAuthBuilder
{
    internal BlazorCookieAuthBuilder(IServiceCollection services, string authenticationScheme)
    {
        Services = services;
        AuthenticationScheme = authenticationScheme;
    }

    /// <summary>The service collection the kit was added to.</summary>
    public IServiceCollection Services { get; }

    /// <summary>The name of the kit's authentication scheme.</summary>
    public string AuthenticationScheme { get; }

    /// <summary>The <see cref="AuthenticationStateProvider"/> registration the kit replaced, if there was one.</summary>
    internal ServiceDescriptor? FrameworkStateProvider { get; init; }

    /// <summary>
    /// Registers the app's credential check, used by <c>POST /auth/login</c> and by endpoints that
    /// <c>RequireBasicAuth()</c> protects (scoped, so it may use a database context).
    /// </summary>
    /// <typeparam name="TValidator">The app's <see cref="ICredentialValidator"/>.</typeparam>
    /// <returns>This builder.</returns>
    public BlazorCookieAuthBuilder AddCredentialValidator<TValidator>()
        where TValidator : class, ICredentialValidator
    {
        Services.Replace(ServiceDescriptor.Scoped<ICredentialValidator, TValidator>());
        return this;
    }

    /// <summary>
    /// Registers the app's user loader (scoped). The kit asks it whether a signed-in user still exists at most once
    /// per <see cref="BlazorCookieAuthOptions.SessionCacheDuration"/> for a token; when it returns
    /// <see langword="null"/>, the request is treated as logged out. See <see cref="IAuthUserLoader{TUser}"/>.
    /// </summary>
    /// <typeparam name="TUser">The app's user type.</typeparam>
    /// <typeparam name="TLoader">The app's <see cref="IAuthUserLoader{TUser}"/>.</typeparam>
    /// <returns>This builder.</returns>
    public BlazorCookieAuthBuilder AddUserLoader<TUser, TLoader>()
        where TUser : class
        where TLoader : class, IAuthUserLoader<TUser>
    {
        Services.Replace(ServiceDescriptor.Scoped<IAuthUserLoader<TUser>, TLoader>());
        Services.Replace(ServiceDescriptor.Scoped<AuthUserResolver, AuthUserResolver<TUser>>());
        return this;
    }

    /// <summary>
    /// Replaces the in-memory session store with one that survives restarts and can be shared by several
    /// servers, such as a database. The store package's own call (for example <c>AddEntityFrameworkSessionStore</c>)
    /// does this for you.
    /// </summary>
    /// <typeparam name="TStore">The store, registered as a singleton.</typeparam>
    /// <returns>This builder.</returns>
    public BlazorCookieAuthBuilder AddSessionStore<TStore>()
        where TStore : class, IAuthSessionStore
    {
        Services.Replace(ServiceDescriptor.Singleton<IAuthSessionStore, TStore>());
        return this;
    }

    /// <summary>
    /// Adds the HTTP Basic scheme (<c>BlazorCookieAuth.Basic</c>) that endpoints protected by <c>RequireBasicAuth()</c>
    /// authenticate with, checked by the app's <see cref="ICredentialValidator"/>. Without it,
    /// <c>RequireBasicAuth()</c> fails as the endpoints are built.
    /// </summary>
    /// <returns>This builder.</returns>
    public BlazorCookieAuthBuilder AddBasicAuth()
    {
        if (!Services.Any(d => d.ServiceType == typeof(BasicAuthHandler)))
        {
            Services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, BasicAuthHandler>(BasicAuthHandler.SchemeName, configureOptions: null);
        }

        return this;
    }

    /// <summary>
    /// Leaves the app's default authentication scheme unset. By default the kit's scheme becomes the default scheme
    /// unless the app chose one. Without it, name the scheme where it is used (<c>[Authorize(AuthenticationSchemes = ...)]</c>,
    /// a policy's schemes, or the app's own default). ASP.NET Core still uses a scheme as the default by itself while
    /// it is the only one registered.
    /// </summary>
    /// <returns>This builder.</returns>
    public BlazorCookieAuthBuilder WithoutDefaultScheme()
    {
        RemoveImplementation(typeof(ConfigureDefaultScheme));
        return this;
    }

    /// <summary>
    /// Leaves the antiforgery cookie as the framework makes it. By default, when the app configured no antiforgery
    /// cookie of its own and the login cookie is always Secure, the kit gives it the <c>__Host-</c> prefix and the
    /// Secure flag, so that a sibling subdomain or a plain-HTTP page can't plant a cookie and token pair of its own
    /// and forge the login and logout posts.
    /// </summary>
    /// <returns>This builder.</returns>
    public BlazorCookieAuthBuilder KeepFrameworkAntiforgeryCookie()
    {
        RemoveImplementation(typeof(ConfigureAntiforgeryCookie));
        return this;
    }

    /// <summary>
    /// Keeps the framework's <see cref="AuthenticationStateProvider"/> (or the one the app registered before the kit)
    /// instead of the kit's. The kit's rechecks each circuit's login and turns the circuit anonymous at once when its
    /// session ends; without it a circuit keeps the user it opened with until it closes.
    /// </summary>
    /// <returns>This builder.</returns>
    public BlazorCookieAuthBuilder KeepFrameworkAuthenticationStateProvider()
    {
        RemoveImplementation(typeof(BlazorCookieAuthStateProvider));
        if (FrameworkStateProvider is not null)
        {
            Services.Add(FrameworkStateProvider);
        }

        return this;
    }

    /// <summary>
    /// Removes the kit's <see cref="IComponentActivator"/>, which refuses to create an <c>[Authorize]</c> page for an
    /// anonymous user in a circuit. Only a plain <c>RouteView</c> asks for one, and it would show the page to anyone
    /// who reaches it by a link; the refusal fails the circuit and logs the fix (use <c>AuthorizeRouteView</c>).
    /// Turn it off only for an app whose own <see cref="IComponentActivator"/> must run instead.
    /// </summary>
    /// <returns>This builder.</returns>
    public BlazorCookieAuthBuilder WithoutRouteViewGuard()
    {
        RemoveImplementation(typeof(AuthorizingComponentActivator));
        return this;
    }

    /// <summary>
    /// Keeps the framework's authorization result handler. By default the kit's sends a signed-in user who lacks only
    /// a fresh login (<see cref="RequireFreshLoginAttribute"/>) to the login page; the framework's answers such a user
    /// as forbidden. An app that registered its own result handler before the kit keeps it either way.
    /// </summary>
    /// <returns>This builder.</returns>
    public BlazorCookieAuthBuilder KeepFrameworkAuthorizationResultHandler()
    {
        if (Services.Any(d => d.ServiceType == typeof(IAuthorizationMiddlewareResultHandler) && !d.IsKeyedService && d.ImplementationType == typeof(FreshLoginResultHandler)))
        {
            Services.Replace(ServiceDescriptor.Singleton<IAuthorizationMiddlewareResultHandler, AuthorizationMiddlewareResultHandler>());
        }

        return this;
    }

    private void RemoveImplementation(Type implementationType)
    {
        for (var i = Services.Count - 1; i >= 0; i--)
        {
            if (!Services[i].IsKeyedService && Services[i].ImplementationType == implementationType)
            {
                Services.RemoveAt(i);
            }
        }
    }
}
