using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace BlazorCookieAuth.AuthState;

/// <summary>
/// Starts the circuit's login watch when the circuit opens. The framework sets the circuit's authentication
/// state before it opens the circuit, so the state seen here is the one the circuit was created with.
/// </summary>
internal sealed class AuthStateCircuitHandler(AuthenticationStateProvider provider) : CircuitHandler
{
    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        // The app may have replaced the provider with its own; then there is nothing of ours to start.
        (provider as BlazorCookieAuthStateProvider)?.OnCircuitOpened();
        return Task.CompletedTask;
    }
}
