using BlazorCookieAuth.EntityFrameworkCore.Tests.TestHost;
using Microsoft.Extensions.Logging;

namespace BlazorCookieAuth.EntityFrameworkCore.Tests;

/// <summary>
/// The kit's own session database unreachable: the kit says so once, with the exception, and EF Core's own log of
/// every failed call stays below Warning, so an outage is one error in the log, not one or two per request.
/// </summary>
public sealed class DatabaseOutageTests
{
    [Fact]
    public async Task While_the_database_is_unreachable_the_kit_logs_one_error_and_EF_Cores_own_failures_stay_at_Debug()
    {
        // A file in a folder that doesn't exist can't be opened, as a database server that is down can't be reached.
        var unreachable = Path.Combine(Path.GetTempPath(), $"blazorcookieauth-missing-{Guid.NewGuid():N}", "sessions.db");
        await using var app = AppServices.WithReadyContext($"Data Source={unreachable}", TimeProvider.System);

        for (var i = 0; i < 3; i++)
        {
            await Assert.ThrowsAsync<AuthUnavailableException>(() => app.Sessions.ListSessionsAsync("alice"));
            await Assert.ThrowsAsync<AuthUnavailableException>(() => app.Sessions.EndAllSessionsAsync("alice"));
        }

        // The store's writes, each of EF Core's ways to fail: a save, an update and a delete.
        var now = TimeProvider.System.GetUtcNow();
        var session = new AuthSessionRecord
        {
            SessionId = Guid.NewGuid().ToString("N"),
            AuthId = "alice",
            CreatedAt = now,
            LastSeenAt = now,
            AuthenticatedAt = now,
            ExpiresAt = now.AddHours(1),
        };
        await Assert.ThrowsAnyAsync<Exception>(() => app.Store.CreateAsync(session, maxSessionsPerUser: 5));
        await Assert.ThrowsAnyAsync<Exception>(() => app.Store.UpdateAsync(session));
        await Assert.ThrowsAnyAsync<Exception>(() => app.Store.RemoveAsync(session.SessionId));

        var log = string.Join('\n', app.Logs.Entries.Where(e => e.Level > LogLevel.Debug || e.Exception is not null).Select(e => $"{e.Level} {e.Category} {e.EventId.Id} {e.EventId.Name}"));
        var warnings = app.Logs.Entries.Where(e => e.Level >= LogLevel.Warning).ToList();
        Assert.True(warnings.Count == 1, log);
        var outage = warnings[0];
        Assert.True(outage.EventId.Name == "SessionStoreUnavailable", log);
        Assert.NotNull(outage.Exception);
        Assert.True(app.Logs.Entries.Any(e => e.Category.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal) && e.Level == LogLevel.Debug && e.Exception is not null), log);
    }
}
