using BlazorCookieAuth.Users;
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
}
