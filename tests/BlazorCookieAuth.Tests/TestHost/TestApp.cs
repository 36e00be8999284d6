using BlazorCookieAuth.Tests.Shared;
using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BlazorCookieAuth.Tests.TestHost;

/// <summary>
/// A small app on a TestServer that uses the kit the way users do, with a fake clock and captured logs.
/// </summary>
internal sealed class TestApp : IAsyncDisposable
{
    public const string Username = "alice";
    public const string Password = "correct horse battery staple";
    public const string AliceId = "alice-id";
    public const string OtherUsername = "bob";
    public const string BobId = "bob-id";

    /// <summary>The time every test app's fake clock starts at.</summary>
    public static readonly DateTimeOffset Start = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly DirectoryInfo _keys;

    private TestApp(WebApplication app, TestClock time, TestLogSink logs, DirectoryInfo keys)
    {
        App = app;
        Time = time;
        Logs = logs;
        _keys = keys;
    }

    public WebApplication App { get; }

    public TestClock Time { get; }

    public TestLogSink Logs { get; }

    public IServiceProvider Services => App.Services;

    public TestServer Server => App.GetTestServer();

    public static async Task<TestApp> StartAsync(
        Action<BlazorCookieAuthOptions>? configure = null,
        Action<WebApplicationBuilder>? configureBuilder = null,
        Action<BlazorCookieAuthBuilder>? configureKit = null,
        Action<WebApplication>? configureApp = null,
        string environment = "Testing",
        bool mapEndpoints = true,
        Action<WebApplication>? configureEarly = null,
        string? applicationName = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = environment, ApplicationName = applicationName });
        builder.WebHost.UseTestServer();
        var time = new TestClock(Start);
        var logs = new TestLogSink();
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(logs);
        builder.Logging.SetMinimumLevel(LogLevel.Debug);
        builder.Services.AddSingleton<TimeProvider>(time);

        // Each app gets its own key ring, as separate deployments would; a test that wants to share one overrides it.
        var keys = Directory.CreateTempSubdirectory("blazorcookieauth-keys-");
        builder.Services.AddDataProtection().PersistKeysToFileSystem(keys);

        var kit = builder.Services.AddBlazorCookieAuth(o => configure?.Invoke(o))
            .AddCredentialValidator<TestCredentialValidator>();
        configureKit?.Invoke(kit);
        configureBuilder?.Invoke(builder);

        var app = builder.Build();
        configureEarly?.Invoke(app);
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        if (mapEndpoints)
        {
            app.MapBlazorCookieAuth();
        }

        MapTestEndpoints(app);
        configureApp?.Invoke(app);

        await app.StartAsync();
        return new TestApp(app, time, logs, keys);
    }

    public TestBrowser CreateBrowser() => new(Server);

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        _keys.Delete(recursive: true);
    }

    private static void MapTestEndpoints(WebApplication app)
    {
        app.MapGet("/me", (HttpContext context) =>
            context.User.Identity?.IsAuthenticated == true
                ? context.User.FindFirstValue(ClaimTypes.NameIdentifier)!
                : "anonymous");

        app.MapGet("/protected", () => "secret page").RequireAuthorization();
        app.MapGet("/api/data", () => new ApiData(42)).RequireAuthorization();
        app.MapGet("/admin", () => "admin page").RequireAuthorization(p => p.RequireRole("admin"));

        app.MapGet("/test/antiforgery", (HttpContext context, IAntiforgery antiforgery) =>
            antiforgery.GetAndStoreTokens(context).RequestToken!);

        app.MapGet("/test/session", (HttpContext context) =>
            context.User.FindFirstValue(BlazorCookieAuthClaimTypes.SessionId) ?? "none");

        app.MapPost("/test/login", async (HttpContext context, IAuthSession session) =>
        {
            await session.LoginAsync(UserOf(context.Request), remember: context.Request.Query["remember"] == "true");
            return "logged in";
        }).DisableAntiforgery();

        // Signs in through ASP.NET Core's own API, with an end time the app chose.
        app.MapPost("/test/login-until", async (HttpContext context, TimeProvider time) =>
        {
            var minutes = int.Parse(context.Request.Query["minutes"].ToString(), CultureInfo.InvariantCulture);
            var properties = new AuthenticationProperties
            {
                IsPersistent = context.Request.Query["remember"] == "true",
                ExpiresUtc = time.GetUtcNow().AddMinutes(minutes),
            };
            await context.SignInAsync(UserOf(context.Request).ToClaimsPrincipal(), properties);
            return "logged in";
        }).DisableAntiforgery();

        app.MapPost("/test/logout", async (IAuthSession session) =>
        {
            await session.LogoutAsync();
            return "logged out";
        }).DisableAntiforgery();

        app.MapPost("/test/logout-everywhere", async (IAuthSession session) =>
        {
            await session.LogoutEverywhereAsync();
            return "logged out everywhere";
        }).DisableAntiforgery();

        // What an app does after a password change: every other device must log in again.
        app.MapPost("/test/end-other-sessions", async (HttpContext context, IAuthSessionManager sessions) =>
        {
            var user = AuthUser.FromClaimsPrincipal(context.User);
            var ended = await sessions.EndAllSessionsAsync(user.AuthId!, exceptSessionId: user.SessionId);
            return ended.ToString(CultureInfo.InvariantCulture);
        }).RequireAuthorization().DisableAntiforgery();

        app.MapPost("/test/renew", async (IAuthSession session) =>
        {
            try
            {
                await session.RenewAsync();
                return Results.Text("renewed");
            }
            catch (InvalidOperationException ex)
            {
                return Results.Text(ex.Message, statusCode: StatusCodes.Status409Conflict);
            }
        }).DisableAntiforgery();

        app.MapPost("/test/late-login", async (HttpContext context, IAuthSession session) =>
        {
            await context.Response.WriteAsync("started;");
            await context.Response.Body.FlushAsync();
            try
            {
                await session.LoginAsync(new AuthUser("late"));
            }
            catch (InvalidOperationException ex)
            {
                await context.Response.WriteAsync(ex.Message);
            }
        }).DisableAntiforgery();
    }

    /// <summary>The user named by the query string: <c>authId</c>, and optionally <c>name</c> and <c>role</c>.</summary>
    private static AuthUser UserOf(HttpRequest request)
    {
        var claims = new List<Claim>();
        if (request.Query["name"].ToString() is { Length: > 0 } name)
        {
            claims.Add(new Claim(ClaimTypes.Name, name));
        }

        if (request.Query["role"].ToString() is { Length: > 0 } role)
        {
            claims.Add(new Claim(ClaimTypes.Role, role));
        }

        return new AuthUser(request.Query["authId"].ToString(), claims);
    }

    private sealed record ApiData(int Value);
}
