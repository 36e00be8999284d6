using BlazorCookieAuth.Redis.Tests.TestHost;
using BlazorCookieAuth.Tests.Sessions;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;

namespace BlazorCookieAuth.Redis.Tests;

/// <summary>The store contract against Redis, and how the sessions lie in Redis: TTLs, indexes, end notices.</summary>
public sealed class RedisSessionStoreTests(RedisFixture redis) : SessionStoreContract, IClassFixture<RedisFixture>
{
    private static readonly TimeSpan NoticeWait = TimeSpan.FromSeconds(5);

    private readonly string _prefix = RedisFixture.NewKeyPrefix();

    /// <summary>The channel the store publishes the ids of ended sessions on: the key prefix, then <c>ended</c>.</summary>
    private RedisChannel NoticesChannel => RedisChannel.Literal(_prefix + "ended");

    protected override Task<IAuthSessionStore> CreateStoreAsync(FakeTimeProvider timeProvider) =>
        Task.FromResult<IAuthSessionStore>(new RedisSessionStore(
            new RedisConnection(redis.Connection, owned: false),
            new BlazorCookieAuthRedisOptions { KeyPrefix = _prefix },
            timeProvider));

    [Fact]
    public async Task A_sessions_hash_expires_in_Redis_when_the_session_ends_and_a_renewal_moves_that_on()
    {
        var now = Time.GetUtcNow();
        var expiring = Session("alice", expiresAt: now.AddMinutes(10));
        var idle = Session("alice", idleTimeout: TimeSpan.FromMinutes(5));
        await Store.CreateAsync(expiring, maxSessionsPerUser: 10);
        await Store.CreateAsync(idle, maxSessionsPerUser: 10);

        AssertNear(TimeSpan.FromMinutes(10), await TimeToLiveAsync(expiring));
        AssertNear(TimeSpan.FromMinutes(5), await TimeToLiveAsync(idle));

        // Four minutes on, a renewal gives the session half an hour from then.
        Time.Advance(TimeSpan.FromMinutes(4));
        Assert.True(await Store.UpdateAsync(expiring with { LastSeenAt = Time.GetUtcNow(), ExpiresAt = Time.GetUtcNow().AddMinutes(30) }));
        AssertNear(TimeSpan.FromMinutes(30), await TimeToLiveAsync(expiring));
    }

    [Fact]
    public async Task Cleanup_leaves_no_index_entry_of_an_ended_session_even_one_whose_hash_Redis_already_expired()
    {
        var now = Time.GetUtcNow();
        var live = Session("alice");
        var expired = Session("alice", expiresAt: now.AddMinutes(5));
        var idle = Session("alice", idleTimeout: TimeSpan.FromMinutes(5));
        var bobs = Session("bob", expiresAt: now.AddMinutes(5));

        // Ends 50 ms of real time from now, so Redis drops its hash by itself before the cleanup runs.
        var vanished = Session("carol", expiresAt: now.AddMilliseconds(50));
        foreach (var session in new[] { live, expired, idle, bobs, vanished })
        {
            await Store.CreateAsync(session, maxSessionsPerUser: 10);
        }

        await Poll.UntilAsync(async () => !await redis.Database.KeyExistsAsync(_prefix + "s:" + vanished.SessionId), TimeSpan.FromSeconds(5), "Redis expiring the hash");
        Time.Advance(TimeSpan.FromMinutes(5));

        await Store.RemoveExpiredAsync();

        Assert.Equal([live.SessionId], await MembersAsync("u:alice"));
        Assert.Empty(await MembersAsync("u:bob"));
        Assert.Empty(await MembersAsync("u:carol"));
        Assert.Equal([live.SessionId + ":alice"], await MembersAsync("e"));
        foreach (var ended in new[] { expired, idle, bobs })
        {
            Assert.False(await redis.Database.KeyExistsAsync(_prefix + "s:" + ended.SessionId));
        }
    }

    [Fact]
    public async Task Remove_publishes_the_id_once_and_a_remove_of_an_unknown_id_publishes_nothing()
    {
        var session = Session("alice");
        await Store.CreateAsync(session, maxSessionsPerUser: 10);
        var notices = await SubscribeAsync();

        await Store.RemoveAsync(session.SessionId);
        await Store.RemoveAsync(session.SessionId);
        await Store.RemoveAsync("unknown");

        Assert.Equal(session.SessionId, await ReadAsync(notices));
        await AssertNothingMoreAsync(notices);
    }

    [Fact]
    public async Task Remove_all_publishes_the_ids_it_removed_in_one_message()
    {
        var now = Time.GetUtcNow();
        var first = Session("alice", createdAt: now.AddSeconds(-2));
        var second = Session("alice", createdAt: now.AddSeconds(-1));
        var bobs = Session("bob");
        foreach (var session in new[] { first, second, bobs })
        {
            await Store.CreateAsync(session, maxSessionsPerUser: 10);
        }

        var notices = await SubscribeAsync();

        await Store.RemoveAllAsync("alice");
        await Store.RemoveAllAsync("nobody");

        Assert.Equal($"{first.SessionId} {second.SessionId}", await ReadAsync(notices));
        await AssertNothingMoreAsync(notices);
    }

    [Fact]
    public async Task Eviction_at_the_cap_publishes_the_evicted_ids_and_expiry_and_cleanup_publish_nothing()
    {
        var now = Time.GetUtcNow();
        var sessions = Enumerable.Range(1, 4).Select(i => Session("alice", createdAt: now.AddSeconds(i), expiresAt: now.AddHours(i))).ToArray();
        foreach (var session in sessions[..3])
        {
            await Store.CreateAsync(session, maxSessionsPerUser: 3);
        }

        var notices = await SubscribeAsync();

        await Store.CreateAsync(sessions[3], maxSessionsPerUser: 2);
        Assert.Equal($"{sessions[0].SessionId} {sessions[1].SessionId}", await ReadAsync(notices));

        // Every server sees an expired session as ended by itself; no notice is needed, and none is sent.
        Time.Advance(TimeSpan.FromHours(3));
        Assert.Equal(1, await Store.RemoveExpiredAsync());
        await AssertNothingMoreAsync(notices);
    }

    [Fact]
    public async Task A_credentials_change_publishes_the_ids_it_removed_and_Redis_keeps_its_time_a_day()
    {
        var change = Time.GetUtcNow();
        var older = Session("alice", createdAt: change.AddMinutes(-1));
        await Store.CreateAsync(older, maxSessionsPerUser: 10);
        var notices = await SubscribeAsync();

        await Store.SetCredentialsValidFromAsync("alice", change);
        await Store.SetCredentialsValidFromAsync("bob", change);

        Assert.Equal(older.SessionId, await ReadAsync(notices));
        await AssertNothingMoreAsync(notices);
        Assert.Equal(change.ToUnixTimeMilliseconds(), (long)await redis.Database.StringGetAsync(_prefix + "c:alice"));
        AssertNear(RedisSessionStore.CredentialsChangeLifetime, await redis.Database.KeyTimeToLiveAsync(_prefix + "c:alice"));
        Assert.Empty(await MembersAsync("u:alice"));
        Assert.Empty(await MembersAsync("e"));
    }

    [Fact]
    public async Task A_credentials_change_ends_a_session_stored_without_its_authentication_time_by_an_earlier_version()
    {
        var change = Time.GetUtcNow();
        var earlier = Session("alice", createdAt: change.AddMinutes(1));
        await Store.CreateAsync(earlier, maxSessionsPerUser: 10);
        await redis.Database.HashDeleteAsync(_prefix + "s:" + earlier.SessionId, "t");

        Assert.Equal([earlier.SessionId], await Store.SetCredentialsValidFromAsync("alice", change));

        Assert.Null(await Store.FindAsync(earlier.SessionId));
    }

    [Fact]
    public async Task A_credentials_change_racing_logins_on_two_servers_leaves_no_session_authenticated_before_it()
    {
        await using var first = await ConnectionMultiplexer.ConnectAsync(redis.Configuration);
        await using var second = await ConnectionMultiplexer.ConnectAsync(redis.Configuration);
        var servers = new[] { first, second }
            .Select(connection => new RedisSessionStore(new RedisConnection(connection, owned: false), new BlazorCookieAuthRedisOptions { KeyPrefix = _prefix }, Time))
            .ToArray();
        var logins = await RaceLoginsWithACredentialsChangeAsync(servers);

        Assert.Empty(await MembersAsync("u:alice"));
        Assert.Empty(await MembersAsync("e"));
        Assert.Equal(0, await redis.Database.KeyExistsAsync([.. logins.Select(login => (RedisKey)(_prefix + "s:" + login.SessionId))]));
    }

    private static void AssertNear(TimeSpan expected, TimeSpan? actual)
    {
        // Real time passes between the write and the read; a second of slack is plenty on loopback.
        Assert.NotNull(actual);
        Assert.InRange(actual.Value, expected - TimeSpan.FromSeconds(1), expected);
    }

    private Task<TimeSpan?> TimeToLiveAsync(AuthSessionRecord session) =>
        redis.Database.KeyTimeToLiveAsync(_prefix + "s:" + session.SessionId);

    private async Task<string[]> MembersAsync(string key) =>
        [.. (await redis.Database.SortedSetRangeByRankAsync(_prefix + key)).Select(member => (string)member!)];

    /// <summary>Listens on the notices channel as another server does, on a connection apart from the store's.</summary>
    private Task<ChannelMessageQueue> SubscribeAsync() => redis.Listener.GetSubscriber().SubscribeAsync(NoticesChannel);

    private static async Task<string> ReadAsync(ChannelMessageQueue notices)
    {
        using var timeout = new CancellationTokenSource(NoticeWait);
        return (string)(await notices.ReadAsync(timeout.Token)).Message!;
    }

    /// <summary>
    /// Publishes a marker and reads it as the next message: the store's scripts publish before they return, so
    /// anything they sent would come first.
    /// </summary>
    private async Task AssertNothingMoreAsync(ChannelMessageQueue notices)
    {
        await redis.Listener.GetSubscriber().PublishAsync(NoticesChannel, "marker");
        Assert.Equal("marker", await ReadAsync(notices));
        await notices.UnsubscribeAsync();
    }
}
