using Microsoft.AspNetCore.Components.Server.Circuits;

namespace BlazorCookieAuth.CircuitApp;

/// <summary>
/// Counts the circuits the server holds, from opened to closed. A circuit whose browser went away without saying so
/// stays counted while the server keeps it for a reconnect, as it still holds its memory then.
/// </summary>
internal sealed class OpenCircuits : CircuitHandler
{
    private int _count;

    /// <summary>How many circuits are open now.</summary>
    public int Count => Volatile.Read(ref _count);

    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _count);
        return Task.CompletedTask;
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        Interlocked.Decrement(ref _count);
        return Task.CompletedTask;
    }
}
