using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BlazorCookieAuth.EntityFrameworkCore;

/// <summary>
/// Hands the singleton stores a short-lived context for each operation: from the app's
/// <see cref="IDbContextFactory{TContext}"/> when there is one, else from a scope of its own. A ready context of the
/// kit's own (<see cref="IKitDbContext"/>, such as <see cref="AuthSessionDbContext"/>) comes from a pool whose options
/// log EF Core's errors for a failed connection, command, query or save at Debug: the kit logs a store that can't be
/// reached itself, once per outage and with the exception, so an outage doesn't add two errors of EF Core's to the log
/// on every request.
/// </summary>
/// <typeparam name="TContext">The context that maps the kit's tables.</typeparam>
internal sealed class KitDbContextSource<TContext>(IServiceProvider services, IServiceScopeFactory scopeFactory)
    where TContext : DbContext
{
    /// <summary>The events EF Core logs as errors on each failed call, which the kit's own context logs at Debug.</summary>
    internal static readonly EventId[] FailureEvents =
    [
        RelationalEventId.ConnectionError,
        RelationalEventId.CommandError,
        CoreEventId.QueryIterationFailed,
        CoreEventId.SaveChangesFailed,
    ];

    private readonly IDbContextFactory<TContext>? _factory = KitContextFactory(services) ?? services.GetService<IDbContextFactory<TContext>>();

    public async Task<Lease> RentAsync(CancellationToken cancellationToken)
    {
        if (_factory is not null)
        {
            return new Lease(await _factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false), scope: null);
        }

        var scope = scopeFactory.CreateAsyncScope();
        return new Lease(scope.ServiceProvider.GetRequiredService<TContext>(), scope);
    }

    /// <summary>
    /// For the kit's own context, a pool on the options the app gave, with <see cref="FailureEvents"/> at Debug. An
    /// app's own context keeps its logging as the app set it: it logs the app's other queries too.
    /// </summary>
    private static PooledDbContextFactory<TContext>? KitContextFactory(IServiceProvider services)
    {
        if (!typeof(IKitDbContext).IsAssignableFrom(typeof(TContext)) || services.GetService<DbContextOptions<TContext>>() is not { } options)
        {
            return null;
        }

        var quiet = new DbContextOptionsBuilder<TContext>(options)
            .ConfigureWarnings(warnings => warnings.Log([.. FailureEvents.Select(id => (id, LogLevel.Debug))]))
            .Options;
        return new PooledDbContextFactory<TContext>(quiet);
    }

    /// <summary>A context for one operation; disposing it returns it (or its scope).</summary>
    public sealed class Lease(TContext context, AsyncServiceScope? scope) : IAsyncDisposable
    {
        public TContext Context { get; } = context;

        public DbSet<AuthSessionEntity> Sessions => Context.Set<AuthSessionEntity>();

        public async ValueTask DisposeAsync()
        {
            if (scope is { } owned)
            {
                await owned.DisposeAsync().ConfigureAwait(false);
            }
            else
            {
                await Context.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}
