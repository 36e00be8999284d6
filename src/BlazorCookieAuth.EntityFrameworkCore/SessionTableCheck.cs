using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BlazorCookieAuth.EntityFrameworkCore;

/// <summary>
/// Runs at startup, before the app takes requests, and makes sure the sessions table is there: the ready
/// <see cref="AuthSessionDbContext"/> creates it when missing; an app's own context must map it, and is told how
/// when its table is missing, instead of every login failing later.
/// </summary>
/// <typeparam name="TContext">The context that maps the sessions table.</typeparam>
internal sealed class SessionTableCheck<TContext>(
    SessionDbContextSource<TContext> contexts,
    ILogger<SessionTableCheck<TContext>> logger) : IHostedService
    where TContext : DbContext
{
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
                await CreateTableAsync(context, cancellationToken).ConfigureAwait(false);
            }
            else if (!await TableExistsAsync(context, cancellationToken).ConfigureAwait(false))
            {
                logger.SessionTableMissing(typeof(TContext).Name);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static async Task CreateTableAsync(DbContext context, CancellationToken cancellationToken)
    {
        // A new database gets its table here; an existing one (say, the app's own) may lack just this table.
        await context.Database.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        if (!await TableExistsAsync(context, cancellationToken).ConfigureAwait(false)
            && context.GetService<IDatabaseCreator>() is IRelationalDatabaseCreator creator)
        {
            await creator.CreateTablesAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<bool> TableExistsAsync(DbContext context, CancellationToken cancellationToken)
    {
        if (!context.Database.IsRelational())
        {
            // A document or in-memory database has no tables to miss; EnsureCreated has made its containers.
            return true;
        }

        // Asked on the connection itself: a failed EF query would log errors on an ordinary first start.
        var entity = context.Model.FindEntityType(typeof(AuthSessionEntity))!;
        var table = context.GetService<ISqlGenerationHelper>().DelimitIdentifier(entity.GetTableName()!, entity.GetSchema());
        var connection = context.Database.GetDbConnection();
        await context.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT 1 FROM {table} WHERE 1 = 0";
            await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (DbException)
        {
            return false;
        }
        finally
        {
            await context.Database.CloseConnectionAsync().ConfigureAwait(false);
        }
    }
}
