using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Reflection;

namespace BlazorCookieAuth.CircuitCost;

/// <summary>
/// bench/BlazorCookieAuth.CircuitApp running as a child process on a free port of 127.0.0.1, in Production, so that
/// nothing of Development (detailed errors, scope validation) weighs on its circuits. Disposing it stops it.
/// </summary>
internal sealed class CircuitAppServer : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private readonly Process _process;
    private readonly HttpClient _client;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly ConsoleCancelEventHandler _stopOnCancel;

    private CircuitAppServer(Process process, Uri baseUrl)
    {
        _process = process;
        BaseUrl = baseUrl;
        _client = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromMinutes(1) };

        // Ctrl+C ends this program without running its finally blocks; the server must not outlive it.
        _stopOnCancel = (_, _) => Stop();
        Console.CancelKeyPress += _stopOnCancel;
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>Where the app answers, with a trailing slash.</summary>
    public Uri BaseUrl { get; }

    /// <summary>Starts the app with <c>--Auth=<paramref name="auth"/></c> and returns once it serves blazor.web.js.</summary>
    /// <exception cref="InvalidOperationException">The app is not built, or it stopped or did not answer in time.</exception>
    public static async Task<CircuitAppServer> StartAsync(string auth)
    {
        var appHost = Path.Combine(AppDirectory(), OperatingSystem.IsWindows() ? "BlazorCookieAuth.CircuitApp.exe" : "BlazorCookieAuth.CircuitApp");
        if (!File.Exists(appHost))
        {
            throw new InvalidOperationException($"The circuit app is not built at {appHost}; build this program, which builds it too.");
        }

        var baseUrl = new Uri($"http://127.0.0.1:{FreePort()}/");
        var startInfo = new ProcessStartInfo(appHost)
        {
            WorkingDirectory = Path.GetDirectoryName(appHost),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add("--urls");
        startInfo.ArgumentList.Add(baseUrl.ToString().TrimEnd('/'));
        startInfo.ArgumentList.Add($"--Auth={auth}");
        startInfo.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";

        var server = new CircuitAppServer(Process.Start(startInfo)!, baseUrl);
        try
        {
            await server.WaitUntilServingAsync();
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>The app's managed heap after a full collection, and the circuits it holds.</summary>
    public async Task<ServerMemory> ReadMemoryAsync() =>
        await _client.GetFromJsonAsync<ServerMemory>(new Uri("memory", UriKind.Relative))
        ?? throw new InvalidOperationException("GET /memory answered nothing.");

    /// <summary>Waits until the app holds <paramref name="circuits"/> circuits, as it does a moment after browsers leave.</summary>
    /// <exception cref="InvalidOperationException">The count did not come within ten seconds.</exception>
    public async Task WaitForCircuitsAsync(int circuits)
    {
        var waited = Stopwatch.StartNew();
        ServerMemory memory;
        while ((memory = await ReadMemoryAsync()).Circuits != circuits)
        {
            if (waited.Elapsed > TimeSpan.FromSeconds(10))
            {
                throw new InvalidOperationException($"The app holds {memory.Circuits} circuits, not {circuits}.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250));
        }
    }

    public async ValueTask DisposeAsync()
    {
        Console.CancelKeyPress -= _stopOnCancel;
        Stop();
        await _process.WaitForExitAsync();
        _process.Dispose();
        _client.Dispose();
    }

    /// <summary>The app's build output, next to this program's (see the project file).</summary>
    private static string AppDirectory()
    {
        var relative = typeof(CircuitAppServer).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "CircuitAppDirectory").Value!;
        return Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, relative));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task WaitUntilServingAsync()
    {
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < StartTimeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The circuit app stopped at start:{Environment.NewLine}{string.Join(Environment.NewLine, _output)}");
            }

            try
            {
                // blazor.web.js is the check: without it the pages render, but no circuit ever opens.
                using var response = await _client.GetAsync(new Uri("_framework/blazor.web.js", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }

                throw new InvalidOperationException($"The circuit app answers GET /_framework/blazor.web.js with {(int)response.StatusCode}, so no circuit can open.");
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }

        throw new InvalidOperationException($"The circuit app did not answer within {StartTimeout.TotalSeconds} s:{Environment.NewLine}{string.Join(Environment.NewLine, _output)}");
    }

    private void Keep(string? line)
    {
        if (line is not null)
        {
            _output.Enqueue(line);
        }
    }

    private void Stop()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It has already exited.
        }
    }
}
