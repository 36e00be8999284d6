using BlazorCookieAuth.Sessions;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace BlazorCookieAuth.AuthState;

/// <summary>
/// Runs when a circuit opens, before any component renders: marks the scope as a circuit (so
/// <see cref="IAuthSession"/> refuses to write cookies there) and starts the circuit's login watch. Activity in
/// the circuit counts as the session being seen. The framework
/// sets the circuit's authentication state before it opens the circuit, so the state seen here is the one the
/// circuit was created with.
/// </summary>
internal sealed class AuthStateCircuitHandler(CircuitScope scope, AuthenticationStateProvider provider) : CircuitHandler
{
    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        scope.IsCircuit = true;

        // The app may have replaced the provider with its own; then there is nothing of ours to start.
        (provider as BlazorCookieAuthStateProvider)?.OnCircuitOpened();
        return Task.CompletedTask;
    }

    public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(Func<CircuitInboundActivityContext, Task> next)
    {
        if (provider is not BlazorCookieAuthStateProvider kitProvider)
        {
            return next;
        }

        return context =>
        {
            kitProvider.OnActivity();
            return next(context);
        };
    }
}
