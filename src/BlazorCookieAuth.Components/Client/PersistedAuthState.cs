using Microsoft.AspNetCore.Components;

namespace BlazorCookieAuth.Components.Client;

/// <summary>
/// The state the server wrote into the page, taken once when the WebAssembly app starts. A page without it (the
/// server doesn't run the kit, or nothing was prerendered) gets an anonymous user and the default locations.
/// </summary>
internal sealed class PersistedAuthState : IAuthLocations
{
    public PersistedAuthState(PersistentComponentState state)
    {
        State = state.TryTakeFromJson<ClientAuthState>(ClientAuthState.PersistenceKey, out var persisted) && persisted is not null
            ? persisted
            : new ClientAuthState();
    }

    public ClientAuthState State { get; }

    public string LoginPath => State.LoginPath;

    public string? ReauthenticationPath => State.ReauthenticationPath;

    public string ReturnUrlParameter => State.ReturnUrlParameter;

    public string EndpointPrefix => State.EndpointPrefix;
}
