using BlazorCookieAuth.Authentication;
using BlazorCookieAuth.Endpoints;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;

namespace BlazorCookieAuth.Sessions;

/// <summary>Logs in and out through the kit's scheme on the current HTTP request.</summary>
internal sealed class AuthSession(
    IHttpContextAccessor httpContextAccessor,
    CircuitScope circuitScope,
    AuthEndpointPaths paths,
    BlazorCookieAuthScheme scheme) : IAuthSession
{
    public Task LoginAsync(AuthUser user, bool remember = false, string? sessionData = null)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!user.IsAuthenticated)
        {
            throw new ArgumentException("Can't log in the anonymous user; create an AuthUser with an auth id.", nameof(user));
        }

        var context = RequireHttpContext(nameof(LoginAsync));
        var properties = new AuthenticationProperties { IsPersistent = remember };
        if (sessionData is not null)
        {
            properties.Items[BlazorCookieAuthHandler.SessionDataItem] = sessionData;
        }

        return context.SignInAsync(scheme.Name, new AuthUser(user.AuthId!, user.Claims).ToClaimsPrincipal(scheme.Name), properties);
    }

    public Task LogoutAsync() => RequireHttpContext(nameof(LogoutAsync)).SignOutAsync(scheme.Name);

    public Task LogoutEverywhereAsync()
    {
        var properties = new AuthenticationProperties();
        properties.Items[BlazorCookieAuthHandler.EverywhereItem] = "true";
        return RequireHttpContext(nameof(LogoutEverywhereAsync)).SignOutAsync(scheme.Name, properties);
    }

    public async Task RenewAsync()
    {
        var context = RequireHttpContext(nameof(RenewAsync));
        var current = await context.AuthenticateAsync(scheme.Name).ConfigureAwait(false);
        if (!current.Succeeded)
        {
            throw new InvalidOperationException("RenewAsync needs a signed-in user, but this request is anonymous or its session has ended. Call LoginAsync instead.");
        }

        var properties = new AuthenticationProperties();
        properties.Items[BlazorCookieAuthHandler.RenewItem] = "true";
        await context.SignInAsync(scheme.Name, current.Principal, properties).ConfigureAwait(false);
    }

    private HttpContext RequireHttpContext(string method)
    {
        if (circuitScope.IsCircuit)
        {
            throw new InvalidOperationException(
                $"IAuthSession.{method} can't run inside an interactive Blazor circuit: cookies travel only on HTTP responses, and a circuit has none. " +
                $"Do it in an HTTP endpoint (for example POST {paths.LoginRoute} or {paths.LogoutRoute}, mapped by MapBlazorCookieAuth) " +
                "or in a static-SSR page (no render mode), then navigate there with forceLoad: true.");
        }

        return httpContextAccessor.HttpContext
            ?? throw new InvalidOperationException(
                $"IAuthSession.{method} needs an HTTP request, and there is none here. " +
                "Call it from an HTTP endpoint or a static-SSR page.");
    }
}
