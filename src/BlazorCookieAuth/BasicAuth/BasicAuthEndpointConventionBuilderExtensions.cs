using BlazorCookieAuth;
using BlazorCookieAuth.Authentication;
using BlazorCookieAuth.BasicAuth;
using BlazorCookieAuth.Endpoints;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.AspNetCore.Builder;

/// <summary>
/// Protects endpoints with HTTP Basic authentication (Quart-Auth's <c>basic_auth_required</c>), checked by the app's
/// <see cref="ICredentialValidator"/>.
/// </summary>
public static class BasicAuthEndpointConventionBuilderExtensions
{
    private static readonly AuthorizationPolicy BasicAuthPolicy =
        new AuthorizationPolicyBuilder(BasicAuthHandler.SchemeName).RequireAuthenticatedUser().Build();

    /// <summary>
    /// Requires <c>Authorization: Basic</c> credentials that the app's <see cref="ICredentialValidator"/> accepts, on
    /// an endpoint, a <c>MapGroup</c> group or <c>MapRazorComponents</c>; the app calls
    /// <see cref="BlazorCookieAuthBuilder.AddBasicAuth"/> in Program.cs for it. The endpoint then runs as that user
    /// (<c>HttpContext.User</c>, <see cref="ICurrentUser"/>), for this request only: no cookie is set and no session
    /// is created. Without credentials, or with wrong or unreadable ones, the answer is 401 with
    /// <c>WWW-Authenticate: Basic realm="...", charset="UTF-8"</c>, the realm being the app's name. Over plain HTTP the
    /// answer is 403, except in the Development environment on localhost (see <see cref="BasicAuthOptions.AllowPlainHttp"/>).
    /// Attempts count against the default login request limit (<see cref="BlazorCookieAuthDefaults.LoginRequestLimit"/>
    /// per client within <see cref="BlazorCookieAuthDefaults.LoginRequestWindow"/>, checked before the password) and
    /// <see cref="BlazorCookieAuthOptions.LoginFailureLimit"/>, answered 429 with <c>Retry-After</c> past them.
    /// </summary>
    /// <typeparam name="TBuilder">The endpoint convention builder.</typeparam>
    /// <param name="builder">The endpoint, group or component endpoints to protect.</param>
    /// <returns>The builder, for more conventions such as <c>RequireAuthorization</c> with roles.</returns>
    public static TBuilder RequireBasicAuth<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithBasicAuth(BasicAuthMetadata.Default);

    /// <summary>
    /// Requires Basic credentials as <see cref="RequireBasicAuth{TBuilder}(TBuilder)"/> does, challenging with
    /// <paramref name="realm"/>.
    /// </summary>
    /// <typeparam name="TBuilder">The endpoint convention builder.</typeparam>
    /// <param name="builder">The endpoint, group or component endpoints to protect.</param>
    /// <param name="realm">The realm in <c>WWW-Authenticate</c>: printable ASCII without <c>"</c> or <c>\</c>.</param>
    /// <returns>The builder, for more conventions.</returns>
    /// <exception cref="ArgumentException"><paramref name="realm"/> can't be sent in a header.</exception>
    public static TBuilder RequireBasicAuth<TBuilder>(this TBuilder builder, string realm)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(realm);
        return builder.WithBasicAuth(BasicAuthMetadata.From(new BasicAuthOptions { Realm = realm }, nameof(realm)));
    }

    /// <summary>
    /// Requires Basic credentials as <see cref="RequireBasicAuth{TBuilder}(TBuilder)"/> does, with the realm and the
    /// plain-HTTP rule set by <paramref name="configure"/>.
    /// </summary>
    /// <typeparam name="TBuilder">The endpoint convention builder.</typeparam>
    /// <param name="builder">The endpoint, group or component endpoints to protect.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The builder, for more conventions.</returns>
    /// <exception cref="ArgumentException">The realm can't be sent in a header.</exception>
    public static TBuilder RequireBasicAuth<TBuilder>(this TBuilder builder, Action<BasicAuthOptions> configure)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(configure);
        var options = new BasicAuthOptions();
        configure(options);
        return builder.WithBasicAuth(BasicAuthMetadata.From(options, nameof(configure)));
    }

    private static TBuilder WithBasicAuth<TBuilder>(this TBuilder builder, BasicAuthMetadata metadata)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Add(endpoint =>
        {
            CheckServices(endpoint.ApplicationServices);
            endpoint.Metadata.Add(metadata);
        });
        return builder.RequireAuthorization(BasicAuthPolicy);
    }

    /// <summary>
    /// Fails as the endpoints are built when the kit or a credential validator is missing. Component endpoints are
    /// built without the app's services; for them the first request with credentials fails with the same message.
    /// </summary>
    private static void CheckServices(IServiceProvider services)
    {
        if (services.GetService<IServiceProviderIsService>() is not { } registered)
        {
            return;
        }

        if (!registered.IsService(typeof(BlazorCookieAuthScheme)))
        {
            throw new InvalidOperationException(
                "RequireBasicAuth needs services.AddBlazorCookieAuth(...).AddCredentialValidator<MyValidator>() in Program.cs first.");
        }

        if (!registered.IsService(typeof(ICredentialValidator)))
        {
            throw new InvalidOperationException(CredentialCheck.NoValidatorMessage("RequireBasicAuth"));
        }

        if (!registered.IsService(typeof(BasicAuthHandler)))
        {
            throw new InvalidOperationException(
                "RequireBasicAuth needs the Basic scheme: call .AddBasicAuth() on services.AddBlazorCookieAuth(...) in Program.cs.");
        }
    }
}
