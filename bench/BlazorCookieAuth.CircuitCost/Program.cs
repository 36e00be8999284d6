using System.Globalization;
using BlazorCookieAuth.CircuitCost;
using BlazorCookieAuth.Tests.Shared;
using Microsoft.Playwright;

// The managed memory an idle Blazor circuit holds on the server, with no authentication, with AddCookie and with the
// kit (logged in, and anonymous): issue 9, "Circuit cost". Each configuration runs on a fresh server; one headless
// Chromium opens the circuits, each with a login of its own.
//
//   BlazorCookieAuth.CircuitCost [circuits] [rounds] [configuration ...]     (defaults: 200 3 None Cookie Kit KitAnonymous)
var circuits = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 200;
var rounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3;
IReadOnlyList<CircuitConfiguration> configurations = args.Length > 2 ? [.. args[2..].Select(CircuitConfiguration.Parse)] : CircuitConfiguration.All;

Chromium.EnsureInstalled();
using var playwright = await Playwright.CreateAsync();
await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions(Chromium.LaunchOptions)
{
    Args = [.. Chromium.LaunchOptions.Args!, .. BrowserCircuits.BrowserArgs],
});

var measurements = new List<CircuitMeasurement>();
CircuitReport.WriteHeader(Console.Out);
for (var round = 1; round <= rounds; round++)
{
    // Every other round in reverse, so a drift over the run (another job starting, say) favors no configuration.
    foreach (var configuration in round % 2 == 1 ? configurations : configurations.Reverse())
    {
        var measurement = await CircuitMeasurement.MeasureAsync(browser, configuration, circuits);
        measurements.Add(measurement);
        CircuitReport.WriteRow(Console.Out, round, measurement);
    }
}

CircuitReport.WriteSummary(Console.Out, measurements);
