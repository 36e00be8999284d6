using BlazorCookieAuth.Tests.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BlazorCookieAuth.Redis.Tests.TestHost;

/// <summary>
/// One server of a farm on Redis without the web parts: the kit with <c>AddRedis</c> in a generic host, used through
/// its public services, with its log kept. Servers on the same key prefix share sessions, end notices and the key
/// ring, and nothing else.
/// </summary>
internal sealed class FarmServer : IAsyncDisposable
{
    private readonly IHost _host;

    private FarmServer(IHost host, TestLogSink log)
    {
        _host = host;
        Log = log;
    }

    public TestLogSink Log { get; }

    public IAuthTokenService Tokens => _host.Services.GetRequiredService<IAuthTokenService>();

    public IAuthSessionManager Sessions => _host.Services.GetRequiredService<IAuthSessionManager>();

    /// <summary>
    /// Starts a server and waits until it is connected to Redis: its connection attempt may time out on a busy
    /// machine, and it then connects again in the background a moment later.
    /// </summary>
    public static async Task<FarmServer> StartAsync(string redis, string keyPrefix, Action<BlazorCookieAuthOptions>? configure = null)
    {
        var server = await StartWhileRedisIsDownAsync(redis, keyPrefix, configure);
        try
        {
            var connection = server._host.Services.GetRequiredService<RedisConnection>().Multiplexer;
            await Poll.UntilAsync(() => connection.IsConnected, TimeSpan.FromSeconds(10), "The server connecting to Redis");
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts a server without waiting for Redis, as when it starts during an outage.</summary>
    public static async Task<FarmServer> StartWhileRedisIsDownAsync(string redis, string keyPrefix, Action<BlazorCookieAuthOptions>? configure = null)
    {
        var log = new TestLogSink();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.AddProvider(log);
        builder.Services.AddBlazorCookieAuth(configure ?? (_ => { })).AddRedis(redis, o => o.KeyPrefix = keyPrefix);
        var host = builder.Build();
        await host.StartAsync();
        return new FarmServer(host, log);
    }

    /// <summary>Whether this server accepts <paramref name="token"/> now, as it would on a request.</summary>
    public async Task<bool> AcceptsAsync(string token) => (await Tokens.ValidateTokenAsync(token)).IsAuthenticated;

    /// <summary>Whether this server logged the event named <paramref name="eventName"/>.</summary>
    public bool Logged(string eventName) => Log.Entries.Any(e => e.EventId.Name == eventName);

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
