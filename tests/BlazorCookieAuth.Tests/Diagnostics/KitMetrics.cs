using System.Diagnostics.Metrics;
using BlazorCookieAuth.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace BlazorCookieAuth.Tests.Diagnostics;

/// <summary>
/// Collects what the kit's instruments record in one app, through that app's own <see cref="IMeterFactory"/>, so
/// apps of tests running beside it are not heard.
/// </summary>
internal sealed class KitMetrics : IDisposable
{
    private static readonly string[] Instruments =
    [
        AuthTelemetry.Logins,
        AuthTelemetry.Logouts,
        AuthTelemetry.EndedSessions,
        AuthTelemetry.RefusedTokens,
        AuthTelemetry.RateLimitedRequests,
        AuthTelemetry.AuthenticatedCircuits,
    ];

    private readonly Dictionary<string, MetricCollector<long>> _collectors;

    public KitMetrics(IServiceProvider services)
    {
        var meterFactory = services.GetRequiredService<IMeterFactory>();
        _collectors = Instruments.ToDictionary(
            name => name,
            name => new MetricCollector<long>(meterFactory, BlazorCookieAuthDiagnostics.MeterName, name));
    }

    /// <summary>The total <paramref name="instrument"/> recorded, or, with a tag, the total of what it recorded with that tag value.</summary>
    public long Sum(string instrument, string? tag = null, object? value = null) =>
        Measurements(instrument)
            .Where(m => tag is null || (m.Tags.TryGetValue(tag, out var tagged) && Equals(tagged, value)))
            .Sum(m => m.Value);

    public IReadOnlyList<CollectedMeasurement<long>> Measurements(string instrument) =>
        _collectors[instrument].GetMeasurementSnapshot();

    /// <summary>Waits until <paramref name="instrument"/> has recorded <paramref name="count"/> measurements; bounded so a bug fails instead of hanging.</summary>
    public Task WaitForAsync(string instrument, int count) =>
        _collectors[instrument].WaitForMeasurementsAsync(count, TimeSpan.FromSeconds(10));

    public void Dispose()
    {
        foreach (var collector in _collectors.Values)
        {
            collector.Dispose();
        }
    }
}
