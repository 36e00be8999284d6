namespace BlazorCookieAuth;

/// <summary>
/// The names under which the kit reports metrics and traces, for <c>dotnet-counters</c>, OpenTelemetry or an
/// <c>ActivityListener</c>. The instruments and spans behind them are listed in <c>docs/observability.md</c>.
/// </summary>
public static class BlazorCookieAuthDiagnostics
{
    /// <summary>
    /// The name of the kit's <see cref="System.Diagnostics.Metrics.Meter"/>: <c>BlazorCookieAuth</c>. Add it to
    /// OpenTelemetry with <c>.WithMetrics(m =&gt; m.AddMeter(BlazorCookieAuthDiagnostics.MeterName))</c>.
    /// </summary>
    public const string MeterName = "BlazorCookieAuth";

    /// <summary>
    /// The name of the kit's <see cref="System.Diagnostics.ActivitySource"/>: <c>BlazorCookieAuth</c>. Add it to
    /// OpenTelemetry with <c>.WithTracing(t =&gt; t.AddSource(BlazorCookieAuthDiagnostics.ActivitySourceName))</c>.
    /// </summary>
    public const string ActivitySourceName = "BlazorCookieAuth";
}
