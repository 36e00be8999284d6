using BlazorCookieAuth.Sessions;
using BlazorCookieAuth.Tests.TestHost;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace BlazorCookieAuth.Tests.Sessions;

/// <summary>The logouts that wait for the session store: bounded, the oldest dropped beyond the bound and said so.</summary>
public sealed class PendingSessionEndsTests
{
    private static readonly DateTimeOffset LoggedOutAt = TestApp.Start;

    [Fact]
    public void Past_the_bound_the_oldest_end_is_dropped_and_logged_and_its_session_is_no_longer_refused()
    {
        var logs = new TestLogSink();
        using var loggers = LoggerFactory.Create(logging => logging.AddProvider(logs));
        var ends = new PendingSessionEnds(loggers.CreateLogger<PendingSessionEnds>());

        for (var i = 0; i <= PendingSessionEnds.MaxCount; i++)
        {
            ends.Add(new PendingSessionEnd($"user-{i}", $"session-{i}", LoggedOutAt, SessionEndReason.Logout));
        }

        Assert.Equal(PendingSessionEnds.MaxCount, ends.Count);
        Assert.False(ends.Covers(Session("user-0", "session-0")));
        Assert.True(ends.Covers(Session("user-1", "session-1")));
        Assert.True(ends.Covers(Session($"user-{PendingSessionEnds.MaxCount}", $"session-{PendingSessionEnds.MaxCount}")));
        var dropped = Assert.Single(logs.Entries, e => e.EventId.Name == "PendingSessionEndDropped");
        Assert.Equal(LogLevel.Warning, dropped.Level);
        Assert.Contains(dropped.Properties, p => p.Key == "AuthId" && p.Value == "user-0");
        Assert.DoesNotContain(logs.Entries, e => e.Message.Contains("session-", StringComparison.Ordinal));
    }

    [Fact]
    public void A_logout_everywhere_covers_the_users_sessions_started_by_then_and_no_later_ones_or_other_users()
    {
        var ends = new PendingSessionEnds(NullLogger<PendingSessionEnds>.Instance);

        ends.Add(new PendingSessionEnd("alice", SessionId: null, LoggedOutAt, SessionEndReason.LogoutEverywhere));

        Assert.True(ends.Covers(Session("alice", "laptop", LoggedOutAt.AddDays(-1))));
        Assert.True(ends.Covers(Session("alice", "phone", LoggedOutAt)));
        Assert.False(ends.Covers(Session("alice", "after", LoggedOutAt.AddSeconds(1))));
        Assert.False(ends.Covers(Session("bob", "laptop", LoggedOutAt.AddDays(-1))));
    }

    private static AuthSessionRecord Session(string authId, string sessionId, DateTimeOffset? createdAt = null)
    {
        var created = createdAt ?? LoggedOutAt.AddMinutes(-1);
        return new AuthSessionRecord
        {
            SessionId = sessionId,
            AuthId = authId,
            CreatedAt = created,
            LastSeenAt = created,
            ExpiresAt = created.AddDays(1),
            AuthenticatedAt = created,
        };
    }
}
