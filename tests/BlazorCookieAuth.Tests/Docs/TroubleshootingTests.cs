using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;

namespace BlazorCookieAuth.Tests.Docs;

/// <summary>
/// docs/troubleshooting.md has a row for every event the kit logs as a warning or worse, found from the
/// <see cref="LoggerMessageAttribute"/> of the kit's logging classes, and lists no event the kit doesn't log.
/// </summary>
public sealed partial class TroubleshootingTests
{
    private const string Page = "docs/troubleshooting.md";

    [Fact]
    public void Every_warning_and_error_event_has_a_row_with_its_id_and_level()
    {
        var page = DocsFolder.ReadLines(Page);
        var missing = KitLogEvents.All
            .Where(e => e.Level >= LogLevel.Warning)
            .Where(e => !page.Select(EventRow).Any(row => row is { } r && r.Name == e.Name && r.Id == e.Id && r.Level == e.Level))
            .Select(e => $"| {e.Id} | `{e.Name}` | {e.Level} | ({e.Assembly})")
            .ToList();

        Assert.True(missing.Count == 0,
            $"{Page} has no row of the form | id | `EventName` | Level | ... for these events; add what each means and the fix:\n" +
            string.Join('\n', missing));
    }

    [Fact]
    public void Every_event_the_page_lists_is_logged_by_the_kit()
    {
        var events = KitLogEvents.All.ToList();
        var unknown = DocsFolder.ReadLines(Page)
            .Select(EventRow)
            .OfType<(int Id, string Name, LogLevel Level)>()
            .Where(row => !events.Any(e => e.Name == row.Name && e.Id == row.Id && e.Level == row.Level))
            .Select(row => $"| {row.Id} | `{row.Name}` | {row.Level} |")
            .ToList();

        Assert.True(unknown.Count == 0, $"{Page} lists events that the kit doesn't log with that id and level:\n" + string.Join('\n', unknown));
    }

    [Fact]
    public void The_kit_logs_warnings_to_check()
    {
        // Reflection that found nothing would pass the tests above.
        Assert.Contains(KitLogEvents.All, e => e.Name == "MemorySessionStoreInProduction" && e.Level == LogLevel.Warning);
        Assert.Contains(KitLogEvents.All, e => e.Name == "LoginPageRequiresLogin" && e.Level == LogLevel.Error);
    }

    /// <summary>A table row that names an event: <c>| 13 | `EventName` | Warning | ...</c>.</summary>
    private static (int Id, string Name, LogLevel Level)? EventRow(string line)
    {
        var match = EventRowPattern().Match(line);
        return match.Success && Enum.TryParse<LogLevel>(match.Groups["level"].Value, out var level)
            ? (int.Parse(match.Groups["id"].Value, System.Globalization.CultureInfo.InvariantCulture), match.Groups["name"].Value, level)
            : null;
    }

    [GeneratedRegex(@"^\|\s*(?<id>\d+)\s*\|\s*`(?<name>\w+)`\s*\|\s*(?<level>Trace|Debug|Information|Warning|Error|Critical)\s*\|")]
    private static partial Regex EventRowPattern();
}
