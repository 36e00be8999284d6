namespace BlazorCookieAuth.CircuitCost;

/// <summary>What the app's <c>GET /memory</c> answers.</summary>
/// <param name="HeapBytes">The bytes of live objects on the app's managed heap, after a full collection.</param>
/// <param name="Circuits">The circuits the app held at the time.</param>
internal sealed record ServerMemory(long HeapBytes, int Circuits);
