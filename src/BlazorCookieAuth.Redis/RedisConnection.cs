using StackExchange.Redis;

namespace BlazorCookieAuth.Redis;

/// <summary>The connection the kit talks to Redis over, disposed with the app when the kit opened it.</summary>
internal sealed class RedisConnection(IConnectionMultiplexer multiplexer, bool owned) : IDisposable
{
    public IConnectionMultiplexer Multiplexer { get; } = multiplexer;

    /// <summary>
    /// Opens a connection from a configuration string, set to fail fast: an app starts while Redis is down, and while
    /// it is down a command fails at once instead of waiting in a queue, so no request hangs on it.
    /// </summary>
    public static RedisConnection Open(string configuration)
    {
        var options = ConfigurationOptions.Parse(configuration);
        options.AbortOnConnectFail = false;
        options.BacklogPolicy = BacklogPolicy.FailFast;
        options.ConnectTimeout = Math.Min(options.ConnectTimeout, 2_000);
        options.AsyncTimeout = Math.Min(options.AsyncTimeout, 1_000);
        options.SyncTimeout = Math.Min(options.SyncTimeout, 1_000);
        return new RedisConnection(ConnectionMultiplexer.Connect(options), owned: true);
    }

    public void Dispose()
    {
        if (owned)
        {
            Multiplexer.Dispose();
        }
    }
}
