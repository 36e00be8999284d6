using BlazorCookieAuth.Sessions;
using Microsoft.Extensions.Time.Testing;

namespace BlazorCookieAuth.Tests.Sessions;

public sealed class MemoryAuthSessionStoreTests : SessionStoreContract
{
    protected override Task<IAuthSessionStore> CreateStoreAsync(FakeTimeProvider timeProvider) =>
        Task.FromResult<IAuthSessionStore>(new MemoryAuthSessionStore(timeProvider));

    [Fact]
    public async Task It_never_holds_more_than_MaxSessions_and_ends_the_oldest_to_make_room()
    {
        var now = Time.GetUtcNow();

        // One session per user, so only the store-wide bound can remove any.
        var sessions = Enumerable.Range(0, MemoryAuthSessionStore.MaxSessions + 2)
            .Select(i => Session($"user-{i}", createdAt: now.AddMilliseconds(i - MemoryAuthSessionStore.MaxSessions)))
            .ToArray();
        foreach (var session in sessions[..MemoryAuthSessionStore.MaxSessions])
        {
            Assert.Empty(await Store.CreateAsync(session, maxSessionsPerUser: 1));
        }

        Assert.Equal([sessions[0].SessionId], await Store.CreateAsync(sessions[^2], maxSessionsPerUser: 1));
        Assert.Equal([sessions[1].SessionId], await Store.CreateAsync(sessions[^1], maxSessionsPerUser: 1));

        Assert.Equal(MemoryAuthSessionStore.MaxSessions, ((MemoryAuthSessionStore)Store).Count);
        Assert.Null(await Store.FindAsync(sessions[0].SessionId));
        Assert.Null(await Store.FindAsync(sessions[1].SessionId));
        Assert.Equal(sessions[2], await Store.FindAsync(sessions[2].SessionId));
        Assert.Equal(sessions[^1], await Store.FindAsync(sessions[^1].SessionId));
    }

    [Fact]
    public async Task The_cleanup_forgets_a_credentials_change_a_day_after_it()
    {
        var change = Time.GetUtcNow();
        await Store.SetCredentialsValidFromAsync("alice", change);
        Time.Advance(MemoryAuthSessionStore.CredentialsChangeLifetime);

        Assert.Equal(0, await Store.RemoveExpiredAsync());

        // Only to show the time is gone: no login takes a day between its credential check and its session.
        var stale = Session("alice", createdAt: change.AddMilliseconds(-1));
        Assert.Empty(await Store.CreateAsync(stale, maxSessionsPerUser: 1));
        Assert.Equal([stale], await Store.ListAsync("alice"));
    }
}
