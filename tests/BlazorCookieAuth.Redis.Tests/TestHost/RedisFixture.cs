using BlazorCookieAuth.Tests.Shared;
using StackExchange.Redis;

namespace BlazorCookieAuth.Redis.Tests.TestHost;

/// <summary>
/// A redis-server of a test class's own, and connections of the test's own to it, to look at what the kit stored
/// and to stage what other servers would do. Tests keep apart by key prefix (<see cref="NewKeyPrefix"/>), or by
/// <see cref="FlushAsync"/> when the app under test uses the default one.
/// </summary>
public sealed class RedisFixture : IAsyncLifetime
{
    private RedisServer? _server;
    private ConnectionMultiplexer? _connection;
    private ConnectionMultiplexer? _listener;
    private bool _stopped;

    /// <summary>The StackExchange.Redis configuration string of the server.</summary>
    public string Configuration => Server.Configuration;

    /// <summary>The test's own connection, with admin commands allowed.</summary>
    public IConnectionMultiplexer Connection => _connection ?? throw new InvalidOperationException("The fixture is not initialized.");

    /// <summary>A second connection of the test's own, to listen on channels as another server does.</summary>
    public IConnectionMultiplexer Listener => _listener ?? throw new InvalidOperationException("The fixture is not initialized.");

    /// <summary>The database, on the test's own connection.</summary>
    public IDatabase Database => Connection.GetDatabase();

    /// <summary>The server's admin commands, such as CONFIG and CLIENT KILL.</summary>
    public IServer Admin => Connection.GetServers()[0];

    private RedisServer Server => _server ?? throw new InvalidOperationException("The fixture is not initialized.");

    /// <summary>A key prefix no other test uses, a hash tag like the kit's default.</summary>
    public static string NewKeyPrefix() => "{test-" + Guid.NewGuid().ToString("N") + "}:";

    public async Task InitializeAsync()
    {
        _server = await RedisServer.StartNewAsync();
        _connection = await ConnectionMultiplexer.ConnectAsync(new ConfigurationOptions
        {
            EndPoints = { Configuration },
            AllowAdmin = true,
            AbortOnConnectFail = false,
        });
        _listener = await ConnectionMultiplexer.ConnectAsync(Configuration);
    }

    /// <summary>Empties the database.</summary>
    public Task FlushAsync() => Admin.FlushDatabaseAsync();

    /// <summary>Takes Redis down, as an outage would.</summary>
    public async Task StopAsync()
    {
        _stopped = true;
        await Server.StopAsync();
    }

    /// <summary>
    /// Brings Redis back, empty (it keeps nothing on disk). Connections, the test's own too, come back by themselves
    /// a few seconds later.
    /// </summary>
    public async Task StartAsync()
    {
        await Server.StartAsync();
        _stopped = false;
    }

    /// <summary>Brings Redis back if a test left it down, so that the class's next test finds it running.</summary>
    public async Task EnsureRunningAsync()
    {
        if (_stopped)
        {
            await StartAsync();
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var connection in new[] { _connection, _listener })
        {
            if (connection is not null)
            {
                await connection.DisposeAsync();
            }
        }

        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
