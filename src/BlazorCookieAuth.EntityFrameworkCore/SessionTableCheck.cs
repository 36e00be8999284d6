using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BlazorCookieAuth.EntityFrameworkCore;

/// <summary>
/// Runs at startup, before the app takes requests, and makes sure the kit's tables (sessions, credential changes) and
/// their columns are there: the ready <see cref="AuthSessionDbContext"/> creates the tables missing and adds the
/// (nullable) columns missing, so a database made by an earlier version gains what the newer one keeps; an app's own
/// context must map them, and is told how when one is missing, instead of every login failing later.
/// </summary>
/// <typeparam name="TContext">The context that maps the sessions table.</typeparam>
internal sealed class SessionTableCheck<TContext>(
    KitDbContextSource<TContext> contexts,
    ILogger<SessionTableCheck<TContext>> logger) : IHostedService
    where TContext : DbContext
{
    private static readonly Type[] KitEntities = [typeof(AuthSessionEntity), typeof(AuthCredentialsChangeEntity)];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var lease = await contexts.RentAsync(cancellationToken).ConfigureAwait(false);
        await using (lease.ConfigureAwait(false))
        {
            var context = lease.Context;
            if (context.Model.FindEntityType(typeof(AuthSessionEntity)) is null)
            {
                throw new InvalidOperationException(
                    $"{typeof(TContext).Name} has no BlazorCookieAuth sessions table. Call modelBuilder.AddBlazorCookieAuthSessions() " +
                    $"in its OnModelCreating and add a migration, or use AddEntityFrameworkSessionStore(options => ...) for a context of its own.");
            }

            if (context is AuthSessionDbContext)
            {
                await KitTables.CreateMissingAsync(context, KitEntities, cancellationToken).ConfigureAwait(false);
                await KitTables.AddMissingColumnsAsync(context, KitEntities, cancellationToken).ConfigureAwait(false);
                return;
            }

            if (await KitTables.MissingAsync(context, KitEntities, cancellationToken).ConfigureAwait(false) is { Count: > 0 } missing)
            {
                logger.SessionTableMissing(typeof(TContext).Name, string.Join(", ", missing.Select(table => table.Name)));
            }

            foreach (var table in await KitTables.MissingColumnsAsync(context, KitEntities, cancellationToken).ConfigureAwait(false))
            {
                logger.SessionColumnMissing(typeof(TContext).Name, table.Key.Name, string.Join(", ", table.Select(column => column.Name)));
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
