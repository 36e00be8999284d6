using BlazorCookieAuth.Redis.Tests.TestHost;

namespace BlazorCookieAuth.Redis.Tests;

/// <summary>
/// Servers on a Redis that goes down and comes back (empty: the test server keeps nothing on disk, so every session
/// ends with the outage, unheard by the servers). They fail closed meanwhile, and recover by themselves.
/// </summary>
public sealed class RedisOutageTests(RedisFixture redis) : IClassFixture<RedisFixture>, IAsyncLifetime
{
    private static readonly TimeSpan LongCache = TimeSpan.FromMinutes(1);

    private static readonly TimeSpan AtOnce = TimeSpan.FromSeconds(1);

    private static readonly TimeSpan Recovery = TimeSpan.FromSeconds(10);

    private readonly string _prefix = RedisFixture.NewKeyPrefix();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => redis.EnsureRunningAsync();

    [Fact]
    public async Task While_Redis_is_down_a_server_refuses_what_it_had_cached_and_once_Redis_is_back_it_starts_its_cache_afresh()
    {
        await using var serverA = await FarmServer.StartAsync(redis.Configuration, _prefix);
        await using var serverB = await FarmServer.StartAsync(redis.Configuration, _prefix, o => o.SessionCacheDuration = LongCache);
        var beforeOutage = await serverA.Tokens.CreateTokenAsync(new AuthUser("42"));
        Assert.True(await serverB.AcceptsAsync(beforeOutage));

        await redis.StopAsync();

        await Poll.UntilAsync(async () => !await serverB.AcceptsAsync(beforeOutage), AtOnce, "Server B refusing its cached session while Redis is down");
        Assert.True(serverB.Logged("SessionNoticesLost"));

        await redis.StartAsync();

        var afterOutage = await CreateTokenOnceRedisAnswersAsync(serverA);
        await Poll.UntilAsync(async () => await serverB.AcceptsAsync(afterOutage), Recovery, "Server B accepting a new session");
        await Poll.UntilAsync(() => serverB.Logged("SessionNoticesRestored"), Recovery, "Server B hearing the notices again");

        // Gone with the outage: a cache kept through it would still accept this for a minute.
        Assert.False(await serverB.AcceptsAsync(beforeOutage));

        // And the cache is right again, through the notices.
        Assert.True(await serverB.AcceptsAsync(afterOutage));
        await serverA.Sessions.EndAllSessionsAsync("42");
        await Poll.UntilAsync(async () => !await serverB.AcceptsAsync(afterOutage), AtOnce, "Server B refusing a session ended after the outage");
    }

    [Fact]
    public async Task A_server_started_while_Redis_is_down_refuses_tokens_and_works_once_Redis_is_up()
    {
        await redis.StopAsync();
        await using var serverB = await FarmServer.StartWhileRedisIsDownAsync(redis.Configuration, _prefix, o => o.SessionCacheDuration = LongCache);
        Assert.True(serverB.Logged("SessionNoticesLost"));

        await redis.StartAsync();
        await using var serverA = await FarmServer.StartAsync(redis.Configuration, _prefix);
        var token = await serverA.Tokens.CreateTokenAsync(new AuthUser("42"));

        await Poll.UntilAsync(async () => await serverB.AcceptsAsync(token), Recovery, "Server B accepting a session");
        await Poll.UntilAsync(() => serverB.Logged("SessionNoticesRestored"), Recovery, "Server B hearing the notices");
        await serverA.Sessions.EndAllSessionsAsync("42");
        await Poll.UntilAsync(async () => !await serverB.AcceptsAsync(token), AtOnce, "Server B refusing the ended session");
    }

    /// <summary>A new session's token, made as soon as server A reaches Redis again.</summary>
    private static async Task<string> CreateTokenOnceRedisAnswersAsync(FarmServer server)
    {
        string? token = null;
        await Poll.UntilAsync(
            async () =>
            {
                try
                {
                    token = await server.Tokens.CreateTokenAsync(new AuthUser("42"));
                    return true;
                }
                catch (AuthUnavailableException)
                {
                    return false;
                }
            },
            Recovery,
            "Server A starting a session");
        return token!;
    }
}
