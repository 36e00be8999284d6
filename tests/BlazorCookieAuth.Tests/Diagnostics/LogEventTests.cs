using BlazorCookieAuth.Tests.Docs;

namespace BlazorCookieAuth.Tests.Diagnostics;

/// <summary>
/// The kit's log events, found from the <c>[LoggerMessage]</c> of every package's logging classes: each
/// package numbers its events in a range of its own, in the order they are declared, and writes each message once,
/// short enough to read in one line.
/// </summary>
public sealed class LogEventTests
{
    /// <summary>The first and last event id of each package: a filter on one package is one id range.</summary>
    private static readonly Dictionary<string, (int First, int Last)> Ranges = new()
    {
        ["BlazorCookieAuth"] = (1, 99),
        ["BlazorCookieAuth.Components"] = (100, 199),
        ["BlazorCookieAuth.EntityFrameworkCore"] = (200, 299),
        ["BlazorCookieAuth.Redis"] = (300, 399),
        ["BlazorCookieAuth.Passkeys"] = (400, 499),
        ["BlazorCookieAuth.Passkeys.EntityFrameworkCore"] = (500, 599),
    };

    private const int LongestMessage = 200;

    [Fact]
    public void Every_package_numbers_its_events_in_its_own_range()
    {
        var outside = KitLogEvents.All
            .Where(e => !Ranges.TryGetValue(e.Assembly, out var range) || e.Id < range.First || e.Id > range.Last)
            .Select(e => $"{e.Assembly}: {e.Id} {e.Name}")
            .ToList();

        Assert.True(outside.Count == 0, "Events outside their package's id range:\n" + string.Join('\n', outside));
        Assert.Equal(Ranges.Keys.Order(), KitLogEvents.All.Select(e => e.Assembly).Distinct().Order());
    }

    [Fact]
    public void Event_ids_and_each_packages_names_are_unique_and_follow_the_order_of_declaration()
    {
        var events = KitLogEvents.All.ToList();
        Assert.Empty(events.GroupBy(e => e.Id).Where(g => g.Count() > 1).Select(g => g.Key));
        // One mistake found by two packages, such as a login page that requires a login, keeps its name in both.
        Assert.Empty(events.GroupBy(e => (e.Assembly, e.Name)).Where(g => g.Count() > 1).Select(g => g.Key));

        foreach (var declared in events.GroupBy(e => e.Class))
        {
            var ids = declared.OrderBy(e => e.Token).Select(e => e.Id).ToList();
            Assert.True(ids.SequenceEqual(ids.Order()), $"{declared.Key} declares its events out of id order: {string.Join(", ", ids)}");
        }
    }

    [Fact]
    public void Each_message_is_written_once_and_fits_a_line()
    {
        var events = KitLogEvents.All.ToList();
        Assert.Empty(events.GroupBy(e => e.Message).Where(g => g.Count() > 1).Select(g => string.Join(", ", g.Select(e => e.Name))));

        var tooLong = events.Where(e => e.Message.Length > LongestMessage).Select(e => $"{e.Name} ({e.Message.Length}): {e.Message}").ToList();
        Assert.True(tooLong.Count == 0,
            $"Messages longer than {LongestMessage} characters; keep the fix in the message and the explanation in docs/troubleshooting.md:\n" +
            string.Join('\n', tooLong));
    }

    [Fact]
    public void The_events_are_found()
    {
        // Reflection that found nothing would pass the tests above.
        Assert.Contains(KitLogEvents.All, e => e.Name == "LoggedIn" && e.Assembly == "BlazorCookieAuth");
        Assert.Contains(KitLogEvents.All, e => e.Name == "ClientLoginEnded" && e.Assembly == "BlazorCookieAuth.Components");
        Assert.Contains(KitLogEvents.All, e => e.Name == "SessionTableMissing" && e.Assembly == "BlazorCookieAuth.EntityFrameworkCore");
        Assert.Contains(KitLogEvents.All, e => e.Name == "NoticesSubscriptionFailed" && e.Assembly == "BlazorCookieAuth.Redis");
        Assert.Contains(KitLogEvents.All, e => e.Name == "PasskeyTableMissing" && e.Assembly == "BlazorCookieAuth.Passkeys.EntityFrameworkCore");
    }
}
