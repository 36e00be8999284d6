using BlazorCookieAuth.Redis.Tests.TestHost;

namespace BlazorCookieAuth.Redis.Tests;

/// <summary>
/// Two servers on one Redis: a session ended on one is refused at once by the other, though it had the session
/// cached, since the end reaches it over the notices channel.
/// </summary>
public sealed class RedisSessionNoticesTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    /// <summary>Server B trusts its cache this long, so that only a notice explains a refusal within a second.</summary>
    private static readonly TimeSpan LongCache = TimeSpan.FromMinutes(1);

    private static readonly TimeSpan AtOnce = TimeSpan.FromSeconds(1);

    public enum Ending
    {
        Logout,
        LogoutEverywhere,
        EvictionAtTheCap,
    }

    [Theory]
    [InlineData(Ending.Logout)]
    [InlineData(Ending.LogoutEverywhere)]
    [InlineData(Ending.EvictionAtTheCap)]
    public async Task A_session_ended_on_server_A_is_refused_by_server_B_within_a_second_though_B_had_it_cached(Ending ending)
    {
        var prefix = RedisFixture.NewKeyPrefix();
        await using var serverA = await FarmServer.StartAsync(redis.Configuration, prefix, o => o.MaxSessionsPerUser = 1);
        await using var serverB = await FarmServer.StartAsync(redis.Configuration, prefix, o => o.SessionCacheDuration = LongCache);
        var token = await serverA.Tokens.CreateTokenAsync(new AuthUser("42"));
        var user = await serverB.Tokens.ValidateTokenAsync(token);

        switch (ending)
        {
            case Ending.Logout:
                Assert.True(await serverA.Sessions.EndSessionAsync("42", user.SessionId!));
                break;
            case Ending.LogoutEverywhere:
                Assert.Equal(1, await serverA.Sessions.EndAllSessionsAsync("42"));
                break;
            case Ending.EvictionAtTheCap:
                await serverA.Tokens.CreateTokenAsync(new AuthUser("42"));
                break;
        }

        await Poll.UntilAsync(async () => !await serverB.AcceptsAsync(token), AtOnce, "Server B refusing the ended session");
    }

    [Fact]
    public async Task While_the_notices_cannot_reach_server_B_it_asks_Redis_instead_of_its_cache_and_it_trusts_its_cache_again_once_they_can()
    {
        var prefix = RedisFixture.NewKeyPrefix();
        await using var serverA = await FarmServer.StartAsync(redis.Configuration, prefix);
        await using var serverB = await FarmServer.StartAsync(redis.Configuration, prefix, o => o.SessionCacheDuration = LongCache);
        var missed = await serverA.Tokens.CreateTokenAsync(new AuthUser("42"));
        var heard = await serverA.Tokens.CreateTokenAsync(new AuthUser("43"));
        Assert.True(await serverB.AcceptsAsync(missed));
        Assert.True(await serverB.AcceptsAsync(heard));

        // Redis stays up, but the servers' subscriptions are cut and can't come back: new connections must log in.
        await redis.Admin.ExecuteAsync("CONFIG", "SET", "requirepass", Guid.NewGuid().ToString("N"));
        try
        {
            await redis.Admin.ExecuteAsync("CLIENT", "KILL", "TYPE", "pubsub");
            await Poll.UntilAsync(() => serverB.Logged("SessionNoticesLost"), AtOnce, "Server B noticing that it lost the notices");

            // Server B can't hear this end; it must not answer from its cache.
            await serverA.Sessions.EndAllSessionsAsync("42");
            Assert.False(await serverB.AcceptsAsync(missed));
            Assert.True(await serverB.AcceptsAsync(heard));
        }
        finally
        {
            await redis.Admin.ExecuteAsync("CONFIG", "SET", "requirepass", string.Empty);
        }

        await Poll.UntilAsync(() => serverB.Logged("SessionNoticesRestored"), TimeSpan.FromSeconds(10), "Server B hearing the notices again");
        Assert.True(await serverB.AcceptsAsync(heard));
        await serverA.Sessions.EndAllSessionsAsync("43");
        await Poll.UntilAsync(async () => !await serverB.AcceptsAsync(heard), AtOnce, "Server B refusing a session ended after the notices came back");
    }
}
