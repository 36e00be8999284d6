using Microsoft.AspNetCore.Components.Server.Circuits;

namespace BlazorCookieAuth.Sessions;

/// <summary>Marks the circuit's scope as soon as the circuit opens, before any component renders.</summary>
internal sealed class CircuitScopeHandler(CircuitScope scope) : CircuitHandler
{
    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        scope.IsCircuit = true;
        return Task.CompletedTask;
    }
}
