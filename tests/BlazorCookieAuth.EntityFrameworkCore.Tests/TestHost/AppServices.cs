using BlazorCookieAuth.Tests.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging;

namespace BlazorCookieAuth.EntityFrameworkCore.Tests.TestHost;

/// <summary>
/// The services of an app that keeps its sessions through Entity Framework Core, wired as an app wires them:
/// <c>AddBlazorCookieAuth()</c> and one of the <c>AddEntityFrameworkSessionStore</c> calls, on a clock the test gives.
/// </summary>
internal sealed class AppServices : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private AppServices(TimeProvider timeProvider, Action<IServiceCollection, BlazorCookieAuthBuilder> addStore)
    {
        var services = new ServiceCollection();
        services.AddSingleton(timeProvider);
        services.AddSingleton<IHostEnvironment>(new HostingEnvironment { EnvironmentName = Environments.Development });
        services.AddLogging(logging => logging.AddProvider(Logs).SetMinimumLevel(LogLevel.Debug));
        addStore(services, services.AddBlazorCookieAuth());
        _services = services.BuildServiceProvider(validateScopes: true);
    }

    /// <summary>Every message the app logged.</summary>
    public TestLogSink Logs { get; } = new();

    public IAuthSessionStore Store => _services.GetRequiredService<IAuthSessionStore>();

    /// <summary>The kit's session lifecycle, as the app's code reaches it.</summary>
    public IAuthSessionManager Sessions => _services.GetRequiredService<IAuthSessionManager>();

    /// <summary>An app whose sessions are in the ready <see cref="AuthSessionDbContext"/>, in <paramref name="database"/>.</summary>
    public static AppServices WithReadyContext(SqliteFile database, TimeProvider timeProvider) =>
        WithReadyContext(database.ConnectionString, timeProvider);

    /// <summary>An app whose sessions are in the ready <see cref="AuthSessionDbContext"/>, on SQLite at <paramref name="connectionString"/>.</summary>
    public static AppServices WithReadyContext(string connectionString, TimeProvider timeProvider) =>
        new(timeProvider, (_, kit) => kit.AddEntityFrameworkSessionStore(options => options.UseSqlite(connectionString)));

    /// <summary>An app whose sessions are in its own <typeparamref name="TContext"/>, registered with <c>AddDbContext</c>.</summary>
    public static AppServices WithAppContext<TContext>(SqliteFile database, TimeProvider timeProvider)
        where TContext : DbContext =>
        new(timeProvider, (services, kit) =>
        {
            services.AddDbContext<TContext>(options => options.UseSqlite(database.ConnectionString));
            kit.AddEntityFrameworkSessionStore<TContext>();
        });

    /// <summary>Runs the sessions table check, as the host does at startup before the app takes requests.</summary>
    public Task CheckSessionTableAsync<TContext>()
        where TContext : DbContext =>
        _services.GetServices<IHostedService>().OfType<SessionTableCheck<TContext>>().Single().StartAsync(CancellationToken.None);

    /// <summary>Runs <paramref name="use"/> with the app's own context, in a scope as a request would.</summary>
    public async Task WithContextAsync<TContext>(Func<TContext, Task> use)
        where TContext : DbContext
    {
        await using var scope = _services.CreateAsyncScope();
        await use(scope.ServiceProvider.GetRequiredService<TContext>());
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
