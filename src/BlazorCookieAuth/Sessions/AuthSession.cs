using BlazorCookieAuth.Endpoints;
using Microsoft.AspNetCore.Http;

namespace BlazorCookieAuth.Sessions;

/// <summary>Logs in and out on the current HTTP request, through the kit's logins.</summary>
internal sealed class AuthSession(
    IHttpContextAccessor httpContextAccessor,
    CircuitScope circuitScope,
    AuthEndpointPaths paths,
    AuthLogins logins) : IAuthSession
{
    public Task LoginAsync(AuthUser user, bool remember = false, string? sessionData = null)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!user.IsAuthenticated)
        {
            throw new ArgumentException(KitErrors.AnonymousUser, nameof(user));
        }

        return logins.LoginAsync(RequireHttpContext(nameof(LoginAsync)), user, remember, expiresCap: null, sessionData);
    }

    public Task LogoutAsync() => logins.LogoutAsync(RequireHttpContext(nameof(LogoutAsync)), everywhere: false);

    public Task LogoutEverywhereAsync() => logins.LogoutAsync(RequireHttpContext(nameof(LogoutEverywhereAsync)), everywhere: true);

    public Task RenewAsync() => logins.RenewAsync(RequireHttpContext(nameof(RenewAsync)));

    public Task<ReauthenticationResult> ReauthenticateAsync(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        return logins.ReauthenticateAsync(RequireHttpContext(nameof(ReauthenticateAsync)), password);
    }

    public Task<int> CredentialsChangedAsync() => logins.CredentialsChangedAsync(RequireHttpContext(nameof(CredentialsChangedAsync)));

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
