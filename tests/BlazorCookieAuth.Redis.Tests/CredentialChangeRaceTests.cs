using BlazorCookieAuth.Redis.Tests.TestHost;
using BlazorCookieAuth.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace BlazorCookieAuth.Redis.Tests;

/// <summary>A password change racing logins with the old password, on two servers sharing one Redis.</summary>
public sealed class CredentialChangeRaceTests(RedisFixture redis, ITestOutputHelper output) : IClassFixture<RedisFixture>
{
    [Fact]
    public async Task No_login_made_with_the_old_password_survives_a_change_that_races_it_on_either_server()
    {
        for (var run = 1; run <= 3; run++)
        {
            var prefix = RedisFixture.NewKeyPrefix();
            var outcome = await CredentialChangeRace.RunAsync(
                servers: 2,
                addStore: (kit, _) => kit.AddRedis(redis.Configuration, o => o.KeyPrefix = prefix));
            output.WriteLine($"Redis, two servers, run {run}: {outcome}");

            Assert.True(outcome.LoginsBeforeChange > 0, outcome.ToString());
            Assert.Equal(0, outcome.Survivors);
            Assert.True(outcome.ChangerKeptLogin);
            Assert.True(outcome.ChangerOldCookieRefused);
        }
    }
}
