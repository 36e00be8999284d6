namespace BlazorCookieAuth.CircuitApp;

/// <summary>What <c>GET /memory</c> answers: the managed heap after a full collection, and the circuits it holds.</summary>
/// <param name="HeapBytes">The bytes of live objects on the managed heap, from <see cref="GC.GetTotalMemory(bool)"/>.</param>
/// <param name="Circuits">The circuits open at the time.</param>
internal sealed record MemoryReport(long HeapBytes, int Circuits);
