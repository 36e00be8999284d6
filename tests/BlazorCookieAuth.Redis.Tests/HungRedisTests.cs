using BlazorCookieAuth.Redis.Tests.TestHost;
using Microsoft.Extensions.Logging;

namespace BlazorCookieAuth.Redis.Tests;

/// <summary>A Redis that hangs rather than goes away: commands time out, and the connection stays up.</summary>
public sealed class HungRedisTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    [Fact]
    public async Task A_hung_Redis_is_logged_as_one_outage()
    {
        await using var server = await FarmServer.StartAsync(redis.Configuration, RedisFixture.NewKeyPrefix());
        var cached = await server.Tokens.CreateTokenAsync(new AuthUser("1"));
        var notCached = await server.Tokens.CreateTokenAsync(new AuthUser("2"));
        Assert.True(await server.AcceptsAsync(cached));

        // Commands time out; the connection stays up, so the cache is not suspended.
        await redis.Admin.ExecuteAsync("CLIENT", "PAUSE", "4000", "ALL");
        for (var i = 0; i < 2; i++)
        {
            await server.AcceptsAsync(notCached);
            await server.AcceptsAsync(cached);
        }

        Assert.Single(server.Log.Entries, e => e.Level >= LogLevel.Error);
    }
}
