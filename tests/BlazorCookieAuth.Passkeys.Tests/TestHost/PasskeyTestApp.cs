using System.Security.Claims;
using BlazorCookieAuth.Tests.Shared;
using BlazorCookieAuth.Tests.TestHost;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BlazorCookieAuth.Passkeys.Tests.TestHost;

/// <summary>A small app with passkeys on a TestServer, on a fake clock, with captured logs.</summary>
internal sealed class PasskeyTestApp : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2030, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private PasskeyTestApp(WebApplication app, TestClock time, TestLogSink logs)
    {
        App = app;
        Time = time;
        Logs = logs;
    }

    public WebApplication App { get; }

    public TestClock Time { get; }

    public TestLogSink Logs { get; }

    public IPasskeyStore Store => App.Services.GetRequiredService<IPasskeyStore>();

    /// <summary>Starts the app.</summary>
    /// <param name="configure">Sets the kit's options.</param>
    /// <param name="services">Adds or replaces services.</param>
    /// <param name="kit">Adds to the kit after <c>AddPasskeys</c>, such as stores.</param>
    /// <param name="time">The clock, shared by apps that stand for one app before and after a restart; a new one at <see cref="Start"/> when null.</param>
    public static async Task<PasskeyTestApp> StartAsync(
        Action<BlazorCookieAuthOptions>? configure = null,
        Action<IServiceCollection>? services = null,
        Action<BlazorCookieAuthBuilder>? kit = null,
        TestClock? time = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseTestServer();
        time ??= new TestClock(Start);
        var logs = new TestLogSink();
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(logs);
        builder.Logging.SetMinimumLevel(LogLevel.Debug);
        builder.Services.AddSingleton<TimeProvider>(time);
        var kitBuilder = builder.Services.AddBlazorCookieAuth(o => configure?.Invoke(o))
            .AddCredentialValidator<NoPasswords>()
            .AddPasskeys<TestPasskeyUsers>();
        kit?.Invoke(kitBuilder);
        services?.Invoke(builder.Services);

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
        return new PasskeyTestApp(app, time, logs);
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
