using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorCookieAuth.EntityFrameworkCore;

/// <summary>
/// Hands the singleton store a short-lived context for each operation: from the app's
/// <see cref="IDbContextFactory{TContext}"/> when there is one, else from a scope of its own.
/// </summary>
/// <typeparam name="TContext">The context that maps the sessions table.</typeparam>
internal sealed class SessionDbContextSource<TContext>(IServiceProvider services, IServiceScopeFactory scopeFactory)
    where TContext : DbContext
{
    private readonly IDbContextFactory<TContext>? _factory = services.GetService<IDbContextFactory<TContext>>();

    public async Task<Lease> RentAsync(CancellationToken cancellationToken)
    {
        if (_factory is not null)
        {
            return new Lease(await _factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false), scope: null);
        }

        var scope = scopeFactory.CreateAsyncScope();
        return new Lease(scope.ServiceProvider.GetRequiredService<TContext>(), scope);
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
