using System.Net;
using BlazorCookieAuth.Redis.Tests.TestHost;
using BlazorCookieAuth.Tests.Shared;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.StackExchangeRedis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace BlazorCookieAuth.Redis.Tests;

/// <summary>Two instances of the demo that share nothing but Redis, as two servers of a farm.</summary>
public sealed class DemoScaleOutTests(RedisFixture redis) : IClassFixture<RedisFixture>, IAsyncLifetime
{
    /// <summary>The key of the key ring, under the kit's default prefix, which the demo keeps.</summary>
    private const string KeyRingKey = "{blazorcookieauth}:data-protection-keys";

    // Both tests use the demo's default key prefix, so each starts on an empty Redis.
    public Task InitializeAsync() => redis.FlushAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_login_on_instance_A_works_on_B_and_a_logout_on_A_is_refused_on_B_within_a_second()
    {
        await using var appA = await RedisDemoApp.StartAsync(redis.Configuration);
        await using var appB = await RedisDemoApp.StartAsync(redis.Configuration);
        using var browser = appA.CreateBrowser();
        var cookie = await RedisDemoApp.LogInAsync(browser);

        using (var onB = await appB.GetAsync("/profile", cookie))
        {
            Assert.Equal(HttpStatusCode.OK, onB.StatusCode);
            Assert.Contains("Hello, Alice Liddell.", await onB.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // The instances read each other's cookies through the one key ring they share, on Redis.
        foreach (var app in new[] { appA, appB })
        {
            Assert.IsType<RedisXmlRepository>(app.Services.GetRequiredService<IOptions<KeyManagementOptions>>().Value.XmlRepository);
        }

        Assert.Equal(1, await redis.Database.ListLengthAsync(KeyRingKey));

        using var logout = await DemoForms.LogOutAsync(browser, "/profile");
        Assert.Equal(HttpStatusCode.SeeOther, logout.StatusCode);

        await Poll.UntilAsync(
            async () =>
            {
                using var onB = await appB.GetAsync("/profile", cookie);
                return onB.StatusCode == HttpStatusCode.Found;
            },
            TimeSpan.FromSeconds(1),
            "Instance B refusing the logged-out cookie");
    }

    [Fact]
    public async Task After_both_instances_restart_a_remembered_login_still_works_on_both()
    {
        string cookie;
        await using (var appA = await RedisDemoApp.StartAsync(redis.Configuration))
        await using (var appB = await RedisDemoApp.StartAsync(redis.Configuration))
        {
            using var browser = appA.CreateBrowser();
            cookie = await RedisDemoApp.LogInAsync(browser, remember: true);
            using var onB = await appB.GetAsync("/profile", cookie);
            Assert.Equal(HttpStatusCode.OK, onB.StatusCode);
        }

        await using var restartedA = await RedisDemoApp.StartAsync(redis.Configuration);
        await using var restartedB = await RedisDemoApp.StartAsync(redis.Configuration);
        foreach (var app in new[] { restartedA, restartedB })
        {
            // Only the remembered cookie: its browser-session companion went with the browser.
            using var page = await app.GetAsync("/profile", cookie);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Contains("Hello, Alice Liddell.", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }
}
