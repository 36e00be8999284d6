using BlazorCookieAuth.Authentication;
using BlazorCookieAuth.Components.Client;
using BlazorCookieAuth.Endpoints;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.Options;

namespace BlazorCookieAuth.AuthState;

/// <summary>
/// Writes the signed-in user, and where the login page and the kit's endpoints are, into pages that hold WebAssembly
/// or Auto components, through the framework's persistent component state; <c>AddBlazorCookieAuthClient()</c> reads it
/// in the browser. The framework hands every such listener the request's authentication state while it prerenders.
/// Only what <see cref="ClientAuthState.ToClientUser"/> picks is written: never the token or the session id.
/// </summary>
internal sealed class WebAssemblyStatePersister : IHostEnvironmentAuthenticationStateProvider, IDisposable
{
    private readonly PersistentComponentState _state;
    private readonly IOptionsMonitor<BlazorCookieAuthOptions> _options;
    private readonly BlazorCookieAuthScheme _scheme;
    private readonly AuthEndpointPaths _paths;
    private readonly PersistingComponentStateSubscription _subscription;
    private Task<AuthenticationState>? _authenticationState;

    public WebAssemblyStatePersister(
        PersistentComponentState state,
        IOptionsMonitor<BlazorCookieAuthOptions> options,
        BlazorCookieAuthScheme scheme,
        AuthEndpointPaths paths)
    {
        _state = state;
        _options = options;
        _scheme = scheme;
        _paths = paths;
        _subscription = state.RegisterOnPersisting(PersistAsync, RenderMode.InteractiveWebAssembly);
    }

    public void SetAuthenticationState(Task<AuthenticationState> authenticationStateTask) =>
        _authenticationState = authenticationStateTask;

    public void Dispose() => _subscription.Dispose();

    private async Task PersistAsync()
    {
        if (_authenticationState is null)
        {
            return;
        }

        var state = await _authenticationState.ConfigureAwait(false);
        var options = _options.Get(_scheme.Name);
        _state.PersistAsJson(ClientAuthState.PersistenceKey, new ClientAuthState
        {
            User = ClientAuthState.ToClientUser(AuthUser.FromClaimsPrincipal(state.User), options.WebAssemblyClaimTypes),
            LoginPath = options.LoginPath,
            ReauthenticationPath = options.ReauthenticationPath,
            ReturnUrlParameter = options.ReturnUrlParameter,
            EndpointPrefix = _paths.Prefix,
            RevalidationSeconds = options.RevalidationInterval.TotalSeconds,
        });
    }
}
