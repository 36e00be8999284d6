using BlazorCookieAuth.Tests.Shared;
using BlazorCookieAuth.Tests.TestHost;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BlazorCookieAuth.Redis.Tests.TestHost;

/// <summary>
/// One instance of the demo in a farm whose instances share nothing but Redis: sessions and the key ring on Redis
/// (under the kit's default key prefix), its own throwaway user database, its own log.
/// </summary>
internal sealed class RedisDemoApp : WebApplicationFactory<Program>
{
    private static readonly Uri Root = new("https://localhost");

    private readonly DemoDataFiles _data = new();
    private readonly string _redis;

    private RedisDemoApp(string redis) => _redis = redis;

    public TestLogSink Log { get; } = new();

    /// <summary>The log entries of level Error or above.</summary>
    public IReadOnlyList<LogEntry> Errors => [.. Log.Entries.Where(e => e.Level >= LogLevel.Error)];

    /// <summary>
    /// Starts an instance on <paramref name="redis"/> and waits until it is connected: its connection attempt may
    /// time out on a busy machine, and it then connects again in the background a moment later. Started one after
    /// another, instances find the key ring the first one made.
    /// </summary>
    public static async Task<RedisDemoApp> StartAsync(string redis)
    {
        var app = new RedisDemoApp(redis);
        try
        {
            var connection = app.Services.GetRequiredService<RedisConnection>().Multiplexer;
            await Poll.UntilAsync(() => connection.IsConnected, TimeSpan.FromSeconds(10), "The demo connecting to Redis");
            return app;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// A client like a browser on https://localhost: it keeps cookies (the auth cookie is Secure) and does not
    /// follow redirects, so tests see every status code and Location.
    /// </summary>
    public HttpClient CreateBrowser() =>
        CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = Root, AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>Logs in as alice through the login form in <paramref name="browser"/>, and returns the auth cookie's value.</summary>
    public static async Task<string> LogInAsync(HttpClient browser, bool remember = false)
    {
        using var login = await DemoForms.LogInAsync(browser, "alice", "wonderland", remember);
        var setCookie = DemoForms.AuthSetCookie(login);
        if (login.StatusCode != System.Net.HttpStatusCode.SeeOther || setCookie is null)
        {
            throw new InvalidOperationException($"Logging in failed: {(int)login.StatusCode} {login.Headers.Location}.");
        }

        return setCookie[(DemoForms.AuthCookieName.Length + 1)..setCookie.IndexOf(';', StringComparison.Ordinal)];
    }

    /// <summary>
    /// Sends GET <paramref name="path"/> with the auth cookie <paramref name="authCookie"/> copied in, as a browser
    /// that logged in on another instance does, accepting <paramref name="accept"/>.
    /// </summary>
    public async Task<HttpResponseMessage> GetAsync(string path, string authCookie, string accept = "text/html")
    {
        using var client = CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = Root, AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.Add("Cookie", $"{DemoForms.AuthCookieName}={authCookie}");
        request.Headers.Accept.ParseAdd(accept);
        return await client.SendAsync(request);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        _data.Apply(builder);
        builder.UseSetting("ConnectionStrings:Redis", _redis);
        builder.ConfigureLogging(logging => logging.AddProvider(Log));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        _data.Delete();
    }
}
