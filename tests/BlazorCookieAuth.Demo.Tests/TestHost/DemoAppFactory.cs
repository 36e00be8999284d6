using System.Net;
using BlazorCookieAuth.Tests.Shared;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.Data.Sqlite;

namespace BlazorCookieAuth.Demo.Tests.TestHost;

/// <summary>
/// Runs the demo in memory on user and session databases of its own (temp SQLite files, deleted afterwards),
/// so each test class that uses it as a class fixture starts from the two demo accounts.
/// </summary>
public sealed class DemoAppFactory : WebApplicationFactory<Program>
{
    private static readonly Uri BrowserBaseAddress = new("https://localhost");

    private readonly DemoDataFiles _data = new();

    /// <summary>The temp SQLite file the demo keeps its users in; a test may prepare it before the demo starts.</summary>
    public string UsersDatabasePath => _data.UsersPath;

    /// <summary>
    /// A client like a browser on https://localhost: it keeps cookies (the auth cookie is Secure, so only
    /// sent over HTTPS) and does not follow redirects, so tests see every status code and Location.
    /// </summary>
    public HttpClient CreateBrowserLikeClient() =>
        CreateClient(new WebApplicationFactoryClientOptions
        {
            BaseAddress = BrowserBaseAddress,
            AllowAutoRedirect = false,
            HandleCookies = true,
        });

    /// <summary>
    /// A browser-like client (see <see cref="CreateBrowserLikeClient()"/>) whose cookie jar starts with only
    /// <paramref name="authCookie"/>, a <c>name=value</c> pair: a browser restarted with a remembered login's persistent
    /// cookie but not its browser-session ones, or another browser holding a copy of the cookie.
    /// </summary>
    public HttpClient CreateBrowserLikeClient(string authCookie)
    {
        var cookies = new CookieContainer();
        cookies.SetCookies(BrowserBaseAddress, authCookie + "; path=/; secure");
        return CreateDefaultClient(BrowserBaseAddress, new CookieContainerHandler(cookies));
    }

    /// <summary>A browser-like client (see <see cref="CreateBrowserLikeClient()"/>) logged in through the login form.</summary>
    public async Task<HttpClient> CreateLoggedInClientAsync(string username, string password, string? userAgent = null)
    {
        var client = CreateBrowserLikeClient();
        if (userAgent is not null)
        {
            client.DefaultRequestHeaders.UserAgent.ParseAdd(userAgent);
        }

        using var login = await DemoForms.LogInAsync(client, username, password);
        if (login.StatusCode != HttpStatusCode.SeeOther || DemoForms.AuthSetCookie(login) is null)
        {
            client.Dispose();
            throw new InvalidOperationException($"Logging in as {username} failed: {(int)login.StatusCode} {login.Headers.Location}.");
        }

        return client;
    }

    /// <summary>Opens the demo's user database directly, to look at what the app stored. Starts the app first.</summary>
    public SqliteConnection OpenDatabase()
    {
        _ = Services;
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = UsersDatabasePath }.ToString());
        connection.Open();
        return connection;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        _data.Apply(builder);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        _data.Delete();
    }
}
