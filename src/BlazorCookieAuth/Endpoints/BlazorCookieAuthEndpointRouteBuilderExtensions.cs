using BlazorCookieAuth;
using BlazorCookieAuth.Authentication;
using BlazorCookieAuth.Endpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.AspNetCore.Builder;

/// <summary>
/// Maps BlazorCookieAuth's HTTP endpoints.
/// </summary>
public static class BlazorCookieAuthEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps <c>POST {prefix}/login</c> (form or JSON: username, password, remember, returnUrl; checked by the
    /// app's <see cref="ICredentialValidator"/>) and <c>POST {prefix}/logout</c> (returnUrl, and everywhere=true to
    /// end every session of the user). Both need a valid antiforgery
    /// token, redirect only to local URLs, and answer GET with 405. In <see cref="AuthMode.Bearer"/> mode a successful
    /// login answers with JSON carrying the bearer token instead of setting a cookie, and logout ends that token's session.
    /// <c>GET {prefix}/session</c> answers 200 while the caller's login holds and 401 otherwise, for pages that run in
    /// the browser; asking doesn't count as activity against <see cref="BlazorCookieAuthOptions.IdleTimeout"/>.
    /// Packages added to the kit map their endpoints in the same group: with <c>AddPasskeys</c>, those under
    /// <c>{prefix}/passkeys</c>.
    /// </summary>
    /// <param name="endpoints">The app's endpoint route builder.</param>
    /// <param name="prefix">The route prefix; <c>/auth</c> by default.</param>
    /// <remarks>
    /// The group has the rate limiter policy <see cref="BlazorCookieAuthDefaults.LoginRateLimiterPolicy"/>: while the
    /// login endpoint carries it, login requests are limited per client (60 a minute) whether or not the app calls
    /// <c>UseRateLimiter()</c>. The endpoint counts that limit itself, right after its antiforgery check and before the
    /// password, so requests without a valid token cost no limiter state. Replace it with the app's own policy through
    /// <c>RequireRateLimiting</c> on the returned builder (the rate limiting middleware then counts that one, before
    /// the endpoint runs), or turn it off with <c>DisableRateLimiting</c>. Failed logins are limited per client and
    /// username (<see cref="BlazorCookieAuthOptions.LoginFailureLimit"/>) and per account from all clients
    /// (<see cref="BlazorCookieAuthOptions.AccountFailureLimit"/>) either way.
    /// </remarks>
    /// <returns>A builder for conventions on the endpoints, such as the app's own rate limiter policy.</returns>
    /// <exception cref="InvalidOperationException">
    /// <c>AddBlazorCookieAuth</c> or <c>AddCredentialValidator</c> was not called, or the endpoints were already mapped.
    /// </exception>
    public static RouteGroupBuilder MapBlazorCookieAuth(this IEndpointRouteBuilder endpoints, string prefix = BlazorCookieAuthDefaults.EndpointPrefix)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(prefix);

        var services = endpoints.ServiceProvider;
        if (services.GetService<BlazorCookieAuthScheme>() is null)
        {
            throw new InvalidOperationException("MapBlazorCookieAuth needs services.AddBlazorCookieAuth(...) in Program.cs first.");
        }

        if (services.GetService<IServiceProviderIsService>()?.IsService(typeof(ICredentialValidator)) != true)
        {
            throw new InvalidOperationException(
                $"MapBlazorCookieAuth maps POST {AuthEndpointPaths.Normalize(prefix).Add("/login")}, which checks credentials through an ICredentialValidator, and none is registered. " +
                "Add one with services.AddBlazorCookieAuth(...).AddCredentialValidator<MyValidator>().");
        }

        var paths = services.GetRequiredService<AuthEndpointPaths>();
        if (paths.IsMapped)
        {
            throw new InvalidOperationException($"MapBlazorCookieAuth was already called (prefix '{paths.Prefix}'). Map the endpoints once.");
        }

        paths.Prefix = prefix;
        // Open to everyone whatever the app's fallback authorization policy says: a login endpoint that needs a login
        // can't be reached, and the session check must answer 401 rather than be redirected.
        var group = endpoints.MapGroup(prefix);
        group.AllowAnonymous();
        group.AddEndpointFilter<NoStoreFilter>();

        // The login request limit is a named policy on the group, so an app's own RequireRateLimiting on the returned
        // builder comes later and replaces it (DisableRateLimiting turns it off). While the kit's policy is there, the
        // login endpoint counts the limit itself after its antiforgery check (LoginRateLimiter.CountRequestAfterAntiforgery).
        group.RequireRateLimiting(BlazorCookieAuthDefaults.LoginRateLimiterPolicy);
        group.MapPost("/login", AuthEndpoints.LoginAsync).WithDisplayName("BlazorCookieAuth login");
        group.MapPost("/reauthenticate", AuthEndpoints.ReauthenticateAsync).WithDisplayName("BlazorCookieAuth re-authentication");
        group.MapPost("/logout", AuthEndpoints.LogoutAsync).WithDisplayName("BlazorCookieAuth logout");
        group.MapGet("/session", AuthEndpoints.SessionAsync).WithDisplayName("BlazorCookieAuth session check").WithMetadata(SessionCheckMetadata.Instance);
        foreach (var extension in services.GetServices<IAuthEndpointExtension>())
        {
            extension.Map(group);
        }

        // Explicit 405s, so a catch-all GET route (such as MapStaticAssets' development fallback) can't turn them into 404s.
        string[] readMethods = [HttpMethods.Get, HttpMethods.Head];
        group.MapMethods("/login", readMethods, AuthEndpoints.MethodNotAllowed).WithDisplayName("BlazorCookieAuth login (POST only)");
        group.MapMethods("/reauthenticate", readMethods, AuthEndpoints.MethodNotAllowed).WithDisplayName("BlazorCookieAuth re-authentication (POST only)");
        group.MapMethods("/logout", readMethods, AuthEndpoints.MethodNotAllowed).WithDisplayName("BlazorCookieAuth logout (POST only)");
        return group;
    }
}
