using Microsoft.Playwright;

namespace BlazorCookieAuth.CircuitCost;

/// <summary>
/// One measurement of one configuration, on a server of its own: the app's heap with no browser, once every
/// browser has logged in, and once every browser holds an idle circuit.
/// </summary>
/// <param name="Configuration">The configuration measured.</param>
/// <param name="Circuits">How many browsers logged in and opened a circuit.</param>
/// <param name="Empty">The heap before any browser came (after the warm-up's browsers left).</param>
/// <param name="LoggedIn">The heap once every browser has logged in, before any opened a circuit.</param>
/// <param name="Open">The heap with every circuit open and idle.</param>
internal sealed record CircuitMeasurement(CircuitConfiguration Configuration, int Circuits, ServerMemory Empty, ServerMemory LoggedIn, ServerMemory Open)
{
    /// <summary>How many circuits open and close before measuring.</summary>
    private const int WarmUpCircuits = 10;

    /// <summary>How long the circuits sit idle before the heap is read: past the render acknowledgements and first checks.</summary>
    private static readonly TimeSpan IdleTime = TimeSpan.FromSeconds(5);

    /// <summary>The heap each login added (a session in the store and the caches that hold it), in KB.</summary>
    public double KBPerSession => (LoggedIn.HeapBytes - Empty.HeapBytes) / 1024.0 / Circuits;

    /// <summary>The heap each idle circuit added, in KB.</summary>
    public double KBPerCircuit => (Open.HeapBytes - LoggedIn.HeapBytes) / 1024.0 / Circuits;

    /// <summary>Starts the app in <paramref name="configuration"/>, opens <paramref name="circuits"/> circuits on it, and reads its heap.</summary>
    /// <exception cref="InvalidOperationException">The app did not start, a login did not take, or a circuit did not open.</exception>
    public static async Task<CircuitMeasurement> MeasureAsync(IBrowser browser, CircuitConfiguration configuration, int circuits)
    {
        await using var server = await CircuitAppServer.StartAsync(configuration.Auth);

        // The first circuits compile code and fill the framework's caches, which is no one circuit's cost.
        await using (var warmUp = await BrowserCircuits.LogInAsync(browser, server.BaseUrl, configuration, WarmUpCircuits))
        {
            await warmUp.OpenAsync();
        }

        await server.WaitForCircuitsAsync(0);
        var empty = await server.ReadMemoryAsync();

        await using var browsers = await BrowserCircuits.LogInAsync(browser, server.BaseUrl, configuration, circuits);
        var loggedIn = await server.ReadMemoryAsync();
        await browsers.OpenAsync();
        await Task.Delay(IdleTime);
        var open = await server.ReadMemoryAsync();
        if (open.Circuits != circuits)
        {
            throw new InvalidOperationException($"{circuits} browsers opened the page, but the app holds {open.Circuits} circuits.");
        }

        return new CircuitMeasurement(configuration, circuits, empty, loggedIn, open);
    }
}
