using System.Security.Claims;
using BlazorCookieAuth.EntityFrameworkCore.Tests.TestHost;
using BlazorCookieAuth.Passkeys.Tests.TestHost;
using BlazorCookieAuth.Tests.Shared;
using BlazorCookieAuth.Tests.TestHost;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BlazorCookieAuth.Passkeys.EntityFrameworkCore.Tests.TestHost;

/// <summary>
/// A small app with passkeys on a TestServer that keeps its sessions and passkeys in one SQLite file through the ready
/// contexts, as an app that keeps everything of the kit in one database does; its host runs the startup checks.
/// Stopped and started again on the same file, it is the same app after a restart.
/// </summary>
internal sealed class PasskeyStoreApp : IAsyncDisposable
{
    private PasskeyStoreApp(WebApplication app) => App = app;

    public WebApplication App { get; }

    public IPasskeyStore Store => App.Services.GetRequiredService<IPasskeyStore>();

    public static async Task<PasskeyStoreApp> StartAsync(SqliteFile database, TestClock time)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(new TestLogSink());
        builder.Services.AddSingleton<TimeProvider>(time);
        builder.Services.AddBlazorCookieAuth()
            .AddCredentialValidator<NoPasswords>()
            .AddEntityFrameworkSessionStore(options => options.UseSqlite(database.ConnectionString))
            .AddPasskeys<TestPasskeyUsers>()
            .AddEntityFrameworkPasskeyStore(options => options.UseSqlite(database.ConnectionString));

        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.MapBlazorCookieAuth();
        app.MapGet("/me", (HttpContext context) =>
            context.User.Identity?.IsAuthenticated == true ? context.User.FindFirstValue(ClaimTypes.NameIdentifier)! : "anonymous");
        app.MapGet("/test/antiforgery", (HttpContext context, IAntiforgery antiforgery) => antiforgery.GetAndStoreTokens(context).RequestToken!);
        app.MapPost("/test/login", async (HttpContext context, IAuthSession session) =>
        {
            await session.LoginAsync(new AuthUser(context.Request.Query["authId"].ToString(), [new Claim(ClaimTypes.Name, "Test user")]));
            return "logged in";
        }).DisableAntiforgery();

        await app.StartAsync();
        return new PasskeyStoreApp(app);
    }

    public PasskeyBrowser CreateBrowser() => new(App.GetTestServer());

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
    }

    /// <summary>Passwords are not what these tests are about: none is right.</summary>
    private sealed class NoPasswords : ICredentialValidator
    {
        public Task<AuthUser?> ValidateAsync(string username, string password, CancellationToken cancellationToken) =>
            Task.FromResult<AuthUser?>(null);
    }
}
