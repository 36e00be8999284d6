using BlazorCookieAuth.EntityFrameworkCore.Tests.TestHost;
using BlazorCookieAuth.Passkeys.Tests.TestHost;
using BlazorCookieAuth.Tests.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging;

namespace BlazorCookieAuth.Passkeys.EntityFrameworkCore.Tests.TestHost;

/// <summary>
/// The services of an app that keeps its passkeys through Entity Framework Core, wired as an app wires them:
/// <c>AddBlazorCookieAuth()</c>, <c>AddPasskeys</c> and one of the <c>AddEntityFrameworkPasskeyStore</c> calls.
/// </summary>
internal sealed class PasskeyStoreServices : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private PasskeyStoreServices(Action<IServiceCollection, BlazorCookieAuthBuilder> addStore)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IHostEnvironment>(new HostingEnvironment { EnvironmentName = Environments.Development });
        services.AddLogging(logging => logging.AddProvider(Logs).SetMinimumLevel(LogLevel.Debug));
        addStore(services, services.AddBlazorCookieAuth().AddPasskeys<TestPasskeyUsers>());
        _services = services.BuildServiceProvider(validateScopes: true);
    }

    /// <summary>Every message the app logged.</summary>
    public TestLogSink Logs { get; } = new();

    public IPasskeyStore Store => _services.GetRequiredService<IPasskeyStore>();

    /// <summary>An app whose passkeys are in the ready <see cref="PasskeyDbContext"/>, in <paramref name="database"/>.</summary>
    public static PasskeyStoreServices WithReadyContext(SqliteFile database) =>
        new((_, kit) => kit.AddEntityFrameworkPasskeyStore(options => options.UseSqlite(database.ConnectionString)));

    /// <summary>An app whose passkeys are in its own <typeparamref name="TContext"/>, registered with <c>AddDbContext</c>.</summary>
    public static PasskeyStoreServices WithAppContext<TContext>(SqliteFile database)
        where TContext : DbContext =>
        new((services, kit) =>
        {
            services.AddDbContext<TContext>(options => options.UseSqlite(database.ConnectionString));
            kit.AddEntityFrameworkPasskeyStore<TContext>();
        });

    /// <summary>Runs the passkey tables check, as the host does at startup before the app takes requests.</summary>
    public Task CheckPasskeyTablesAsync<TContext>()
        where TContext : DbContext =>
        _services.GetServices<IHostedService>().OfType<PasskeyTableCheck<TContext>>().Single().StartAsync(CancellationToken.None);

    /// <summary>Runs <paramref name="use"/> with the app's own context, in a scope as a request would.</summary>
    public async Task WithContextAsync<TContext>(Func<TContext, Task> use)
        where TContext : DbContext
    {
        await using var scope = _services.CreateAsyncScope();
        await use(scope.ServiceProvider.GetRequiredService<TContext>());
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
