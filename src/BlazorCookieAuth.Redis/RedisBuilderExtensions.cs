using BlazorCookieAuth;
using BlazorCookieAuth.Redis;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Scales BlazorCookieAuth out over Redis.</summary>
public static class RedisBuilderExtensions
{
    /// <summary>
    /// Shares everything a farm of servers needs through Redis: login sessions (so any server accepts any login),
    /// the end-of-session notices (so a logout on one server turns that session's circuits anonymous on every server
    /// at once and drops it from every server's cache), and the Data Protection key ring (so every server reads every
    /// cookie). Authenticated requests are answered from each server's cache, not from Redis. The connection is set
    /// to fail fast: the app starts while Redis is down, and meanwhile requests are treated as anonymous, never hang.
    /// </summary>
    /// <param name="builder">The builder returned by <c>AddBlazorCookieAuth</c>.</param>
    /// <param name="configuration">A StackExchange.Redis configuration string, such as <c>localhost:6379</c>.</param>
    /// <returns>The builder.</returns>
    public static BlazorCookieAuthBuilder AddRedis(this BlazorCookieAuthBuilder builder, string configuration) =>
        builder.AddRedis(configuration, configure: _ => { });

    /// <summary>
    /// Shares sessions, their end notices and the Data Protection key ring through Redis, as
    /// <see cref="AddRedis(BlazorCookieAuthBuilder, string)"/> does, with options.
    /// </summary>
    /// <param name="builder">The builder returned by <c>AddBlazorCookieAuth</c>.</param>
    /// <param name="configuration">A StackExchange.Redis configuration string, such as <c>localhost:6379</c>.</param>
    /// <param name="configure">Sets the key prefix, or keeps the key ring elsewhere.</param>
    /// <returns>The builder.</returns>
    public static BlazorCookieAuthBuilder AddRedis(this BlazorCookieAuthBuilder builder, string configuration, Action<BlazorCookieAuthRedisOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(configuration);
        return builder.AddRedis(_ => RedisConnection.Open(configuration), configure);
    }

    /// <summary>
    /// Shares sessions, their end notices and the Data Protection key ring through Redis, as
    /// <see cref="AddRedis(BlazorCookieAuthBuilder, string)"/> does, over a connection the app opened and owns. Give it
    /// <c>AbortOnConnectFail = false</c>, <c>BacklogPolicy.FailFast</c> and short timeouts, so that a Redis outage makes
    /// requests anonymous rather than slow.
    /// </summary>
    /// <param name="builder">The builder returned by <c>AddBlazorCookieAuth</c>.</param>
    /// <param name="connection">The app's connection to Redis.</param>
    /// <returns>The builder.</returns>
    public static BlazorCookieAuthBuilder AddRedis(this BlazorCookieAuthBuilder builder, IConnectionMultiplexer connection) =>
        builder.AddRedis(connection, configure: _ => { });

    /// <summary>
    /// Shares sessions, their end notices and the Data Protection key ring through Redis over the app's own
    /// connection, as <see cref="AddRedis(BlazorCookieAuthBuilder, IConnectionMultiplexer)"/> does, with options.
    /// </summary>
    /// <param name="builder">The builder returned by <c>AddBlazorCookieAuth</c>.</param>
    /// <param name="connection">The app's connection to Redis.</param>
    /// <param name="configure">Sets the key prefix, or keeps the key ring elsewhere.</param>
    /// <returns>The builder.</returns>
    public static BlazorCookieAuthBuilder AddRedis(this BlazorCookieAuthBuilder builder, IConnectionMultiplexer connection, Action<BlazorCookieAuthRedisOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(connection);
        return builder.AddRedis(_ => new RedisConnection(connection, owned: false), configure);
    }

    private static BlazorCookieAuthBuilder AddRedis(this BlazorCookieAuthBuilder builder, Func<IServiceProvider, RedisConnection> connect, Action<BlazorCookieAuthRedisOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var services = builder.Services;
        if (services.Any(d => d.ServiceType == typeof(RedisConnection)))
        {
            throw new InvalidOperationException("AddRedis was already called. Call it once.");
        }

        var options = new BlazorCookieAuthRedisOptions();
        configure(options);
        if (string.IsNullOrEmpty(options.KeyPrefix))
        {
            throw new ArgumentException("BlazorCookieAuthRedisOptions.KeyPrefix is empty; keep a prefix, so the kit's keys stay apart from the app's.", nameof(configure));
        }

        services.AddSingleton(options);
        services.AddSingleton<RedisConnection>(connect);
        services.TryAddSingleton<RedisSessionStore>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, RedisSessionNotices>());
        if (options.PersistDataProtectionKeys)
        {
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<KeyManagementOptions>, ConfigureRedisKeyRing>());
        }

        services.Replace(ServiceDescriptor.Singleton<IAuthSessionStore>(sp => sp.GetRequiredService<RedisSessionStore>()));
        return builder;
    }
}
