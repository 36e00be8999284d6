using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace BlazorCookieAuth.Tests.Shared;

/// <summary>
/// A real redis-server of the test run's own, on a free loopback port, without persistence unless asked for: started
/// when created, stopped (by its process) when disposed. <see cref="StopAsync"/> and <see cref="StartAsync"/> take it
/// down and bring it back on the same port, as an outage would. test.sh installs Debian's redis-server when it is
/// missing. Linked into each project that needs Redis.
/// </summary>
internal sealed class RedisServer : IAsyncDisposable
{
    private const string Executable = "/usr/bin/redis-server";

    private readonly DirectoryInfo? _data;
    private Process? _process;

    private RedisServer(int port, DirectoryInfo? data)
    {
        Port = port;
        _data = data;
    }

    public int Port { get; }

    /// <summary>The StackExchange.Redis configuration string of this server.</summary>
    public string Configuration => $"127.0.0.1:{Port}";

    /// <param name="persistent">
    /// Whether it keeps its data through a stop, as a production Redis with an append-only file does: every write is
    /// on disk before it is answered, so a killed server comes back with all of it. Without, it comes back empty.
    /// </param>
    public static async Task<RedisServer> StartNewAsync(bool persistent = false)
    {
        if (!File.Exists(Executable))
        {
            throw new InvalidOperationException($"{Executable} is missing. Run ./test.sh, which installs it, or: apt-get install redis-server");
        }

        var server = new RedisServer(FreePort(), persistent ? Directory.CreateTempSubdirectory("blazorcookieauth-redis-") : null);
        await server.StartAsync();
        return server;
    }

    /// <summary>Starts the server (again) on its port and waits until it accepts connections.</summary>
    public async Task StartAsync()
    {
        if (_process is not null)
        {
            throw new InvalidOperationException("The Redis server is already running.");
        }

        var start = new ProcessStartInfo(Executable)
        {
            ArgumentList = { "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", string.Empty },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in _data is null ? ["--appendonly", "no"] : new[] { "--appendonly", "yes", "--appendfsync", "always", "--dir", _data.FullName })
        {
            start.ArgumentList.Add(argument);
        }

        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!await AcceptsConnectionsAsync())
        {
            if (_process.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"redis-server did not start on port {Port}: {await _process.StandardError.ReadToEndAsync()}");
            }

            await Task.Delay(20);
        }
    }

    /// <summary>Stops the server, as an outage would, and waits until its port is closed.</summary>
    public async Task StopAsync()
    {
        if (_process is null)
        {
            return;
        }

        _process.Kill();
        await _process.WaitForExitAsync();
        _process.Dispose();
        _process = null;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _data?.Delete(recursive: true);
    }

    private async Task<bool> AcceptsConnectionsAsync()
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, Port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
