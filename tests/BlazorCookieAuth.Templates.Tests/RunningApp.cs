using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace BlazorCookieAuth.Templates.Tests;

/// <summary>
/// A built app running as its own process on a free loopback port, in the Development environment (which
/// serves the framework's static files from the build output). Killed on dispose.
/// </summary>
internal sealed class RunningApp : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly Process process;
    private readonly StringBuilder output = new();

    private RunningApp(Process process, Uri baseAddress)
    {
        this.process = process;
        BaseAddress = baseAddress;
    }

    /// <summary>The app's address, such as <c>http://127.0.0.1:41234/</c> or <c>http://localhost:41234/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>What the app logged so far, for failure messages.</summary>
    public string Output => DotnetCli.Text(output);

    /// <summary>Starts <c>bin/Debug/{framework}/{name}.dll</c> of a built app and waits until it answers HTTP.</summary>
    public static Task<RunningApp> StartAsync(string appDirectory, string assemblyName)
    {
        var assembly = Path.Combine(appDirectory, "bin", "Debug", "net10.0", assemblyName + ".dll");
        return StartAsync(appDirectory, urls => [assembly, "--urls", urls]);
    }

    /// <summary>
    /// Starts a built app with <c>dotnet run {arguments}</c> in <paramref name="directory"/>, as its instructions
    /// say (but without building it again), and waits until it answers HTTP.
    /// </summary>
    public static Task<RunningApp> DotnetRunAsync(string directory, params string[] arguments) =>
        StartAsync(directory, urls => ["run", .. arguments, "--no-build", "--", "--urls", urls]);

    /// <summary>
    /// Starts a built app as <see cref="DotnetRunAsync"/> does, at <c>http://localhost:PORT</c>: browsers refuse
    /// passkeys on IP addresses.
    /// </summary>
    public static Task<RunningApp> DotnetRunAtLocalhostAsync(string directory, params string[] arguments) =>
        StartAsync(directory, urls => ["run", .. arguments, "--no-build", "--", "--urls", urls], host: "localhost");

    private static async Task<RunningApp> StartAsync(string workingDirectory, Func<string, string[]> arguments, string host = "127.0.0.1")
    {
        var baseAddress = new Uri($"http://{host}:{FreePort()}/");
        var environment = new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Development" };
        var app = new RunningApp(
            DotnetCli.Start(workingDirectory, arguments(baseAddress.ToString().TrimEnd('/')), environment),
            baseAddress);
        _ = DotnetCli.PumpAsync(app.process.StandardOutput, app.output);
        _ = DotnetCli.PumpAsync(app.process.StandardError, app.output);
        try
        {
            await app.WaitUntilAnsweringAsync();
            return app;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }

    private async Task WaitUntilAnsweringAsync()
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < StartTimeout)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The app exited with {process.ExitCode}:\n{Output}");
            }

            try
            {
                using var response = await client.GetAsync(new Uri("/", UriKind.Relative));
                return;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(200);
            }
        }

        throw new TimeoutException($"The app did not answer within {StartTimeout}:\n{Output}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
