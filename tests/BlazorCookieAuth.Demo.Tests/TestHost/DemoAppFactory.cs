using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;

namespace BlazorCookieAuth.Demo.Tests.TestHost;

/// <summary>
/// Runs the demo in memory on a user database of its own (a temp SQLite file, deleted afterwards),
/// so each test class that uses it as a class fixture starts from the two demo accounts.
/// </summary>
public sealed class DemoAppFactory : WebApplicationFactory<Program>
{
    /// <summary>The temp SQLite file the demo keeps its users in.</summary>
    public string DatabasePath { get; } = Path.Combine(Path.GetTempPath(), $"blazorcookieauth-demo-{Guid.NewGuid():N}.db");

    /// <summary>
    /// A client like a browser on https://localhost: it keeps cookies (the auth cookie is Secure, so only
    /// sent over HTTPS) and does not follow redirects, so tests see every status code and Location.
    /// </summary>
    public HttpClient CreateBrowserLikeClient() =>
        CreateClient(new WebApplicationFactoryClientOptions
        {
            BaseAddress = new Uri("https://localhost"),
            AllowAutoRedirect = false,
            HandleCookies = true,
        });

    /// <summary>Opens the demo's user database directly, to look at what the app stored.</summary>
    public SqliteConnection OpenDatabase()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DatabasePath }.ToString());
        connection.Open();
        return connection;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Users:DatabasePath", DatabasePath);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        SqliteConnection.ClearAllPools();
        File.Delete(DatabasePath);
    }
}
