using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace BlazorCookieAuth.DocSamples;

/// <summary>The code of docs/observability.md.</summary>
public static class Observability
{
    public static void OpenTelemetry(WebApplicationBuilder builder)
    {
        #region open-telemetry
        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddMeter(BlazorCookieAuthDiagnostics.MeterName))
            .WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation()
                .AddSource(BlazorCookieAuthDiagnostics.ActivitySourceName));
        #endregion
    }
}
