using BlazorCookieAuth.Tests.Shared;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorCookieAuth.Browser.Tests.TestHost;

/// <summary>
/// The demo app on a real Kestrel port, in Development (so blazor.web.js is served from the build output) but with
/// static assets cached as in production, and with its own throwaway SQLite user and session databases.
/// </summary>
public sealed class DemoServer : WebApplicationFactory<Program>
{
    private readonly DemoDataFiles _data = new();
    private readonly string? _redis;
    private readonly IReadOnlyDictionary<string, string>? _settings;

    /// <summary>Starts the demo.</summary>
    /// <param name="redis">A Redis configuration string, to keep sessions and keys there as a server of a farm does.</param>
    /// <param name="settings">Configuration for the demo, such as <c>BlazorCookieAuth:RevalidationInterval</c>.</param>
    public DemoServer(string? redis = null, IReadOnlyDictionary<string, string>? settings = null)
    {
        _redis = redis;
        _settings = settings;
        UseKestrel(0);
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
        // Kestrel binds a free port on 127.0.0.1; the browser opens it as localhost, since WebAuthn refuses IP addresses.
        RootUri = new UriBuilder(addresses.First()) { Host = "localhost" }.Uri;
    }

    /// <summary>The app's root, such as <c>http://localhost:41234/</c>.</summary>
    public Uri RootUri { get; }

    /// <summary>The absolute URL of an app-relative path.</summary>
    public string Url(string path) => new Uri(RootUri, path).ToString();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");

        // Development serves every static asset with no-cache, so each page load revalidates the ~200 files of the
        // WebAssembly runtime. Auto mode picks WebAssembly only when the runtime loads quickly, which those round trips
        // prevent on a busy machine. Assets keep their published caching here: fingerprinted files are immutable.
        builder.UseSetting("EnableStaticAssetsDevelopmentCaching", "true");
        _data.Apply(builder);
        if (_redis is not null)
        {
            builder.UseSetting("ConnectionStrings:Redis", _redis);
        }

        foreach (var (key, value) in _settings ?? new Dictionary<string, string>())
        {
            builder.UseSetting(key, value);
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        _data.Delete();
    }
}
