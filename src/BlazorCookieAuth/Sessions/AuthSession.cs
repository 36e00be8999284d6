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
            throw new ArgumentException(KitErrors.AnonymousUser, nameof(user));
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
            throw new InvalidOperationException(KitErrors.RenewWithoutLogin);
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
                KitErrors.WhereCookiesCanBeWritten(paths));
        }

        return httpContextAccessor.HttpContext
            ?? throw new InvalidOperationException(
                $"IAuthSession.{method} needs an HTTP request, and there is none here. " +
                KitErrors.WhereCookiesCanBeWritten(paths));
    }
}
