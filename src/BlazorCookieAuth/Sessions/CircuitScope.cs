namespace BlazorCookieAuth.Sessions;

/// <summary>Marks a DI scope that belongs to an interactive Blazor circuit rather than an HTTP request.</summary>
internal sealed class CircuitScope
{
    public bool IsCircuit { get; set; }
}
