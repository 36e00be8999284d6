using System.Globalization;

namespace BlazorCookieAuth.CircuitCost;

/// <summary>Prints measurements as a table, a row each, then each configuration's medians and the differences that matter.</summary>
internal static class CircuitReport
{
    /// <summary>The comparisons printed at the end, each when both of its configurations were measured.</summary>
    private static readonly (CircuitConfiguration Measured, CircuitConfiguration Baseline, string Meaning)[] Differences =
    [
        (CircuitConfiguration.Kit, CircuitConfiguration.None, "what the kit adds to an authenticated circuit"),
        (CircuitConfiguration.KitAnonymous, CircuitConfiguration.None, "what the kit adds to an anonymous circuit"),
        (CircuitConfiguration.Cookie, CircuitConfiguration.None, "what AddCookie adds to an authenticated circuit"),
        (CircuitConfiguration.Kit, CircuitConfiguration.Cookie, "what the kit adds beyond AddCookie"),
    ];

    /// <summary>The column names, for the rows that follow.</summary>
    public static void WriteHeader(TextWriter writer) =>
        writer.WriteLine(Row("configuration", "round", "circuits", "heap before", "heap after", "KB/circuit", "KB/session"));

    /// <summary>One measurement: the heap before the circuits opened (every browser logged in) and with them open.</summary>
    public static void WriteRow(TextWriter writer, int round, CircuitMeasurement measurement) =>
        writer.WriteLine(Row(
            measurement.Configuration.Name,
            round.ToString(CultureInfo.InvariantCulture),
            measurement.Circuits.ToString(CultureInfo.InvariantCulture),
            Megabytes(measurement.LoggedIn.HeapBytes),
            Megabytes(measurement.Open.HeapBytes),
            Kilobytes(measurement.KBPerCircuit),
            measurement.Configuration.LogsIn ? Kilobytes(measurement.KBPerSession) : "-"));

    /// <summary>The median of each configuration's rounds, then the differences between configurations in KB per circuit.</summary>
    public static void WriteSummary(TextWriter writer, IReadOnlyList<CircuitMeasurement> measurements)
    {
        var measured = CircuitConfiguration.All.Where(c => measurements.Any(m => m.Configuration == c)).ToList();
        writer.WriteLine();
        writer.WriteLine("Medians of the rounds:");
        WriteHeader(writer);
        foreach (var configuration in measured)
        {
            var rounds = RoundsOf(measurements, configuration);
            writer.WriteLine(Row(
                configuration.Name,
                "median",
                rounds[0].Circuits.ToString(CultureInfo.InvariantCulture),
                Megabytes(Median(rounds, m => m.LoggedIn.HeapBytes)),
                Megabytes(Median(rounds, m => m.Open.HeapBytes)),
                Kilobytes(Median(rounds, m => m.KBPerCircuit)),
                configuration.LogsIn ? Kilobytes(Median(rounds, m => m.KBPerSession)) : "-"));
        }

        writer.WriteLine();
        foreach (var (configuration, baseline, meaning) in Differences.Where(d => measured.Contains(d.Measured) && measured.Contains(d.Baseline)))
        {
            var difference = Median(RoundsOf(measurements, configuration), m => m.KBPerCircuit)
                - Median(RoundsOf(measurements, baseline), m => m.KBPerCircuit);
            writer.WriteLine($"{configuration.Name} - {baseline.Name}: {Kilobytes(difference)} KB per circuit, {meaning}");
        }
    }

    private static List<CircuitMeasurement> RoundsOf(IEnumerable<CircuitMeasurement> measurements, CircuitConfiguration configuration) =>
        [.. measurements.Where(m => m.Configuration == configuration)];

    private static double Median(IEnumerable<CircuitMeasurement> rounds, Func<CircuitMeasurement, double> value)
    {
        var sorted = rounds.Select(value).Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static string Row(string configuration, string round, string circuits, string before, string after, string perCircuit, string perSession) =>
        $"{configuration,-14} {round,6} {circuits,8} {before,12} {after,12} {perCircuit,10} {perSession,10}";

    private static string Megabytes(double bytes) => (bytes / 1024 / 1024).ToString("0.00 MB", CultureInfo.InvariantCulture);

    private static string Kilobytes(double kilobytes) => kilobytes.ToString("0.0", CultureInfo.InvariantCulture);
}
