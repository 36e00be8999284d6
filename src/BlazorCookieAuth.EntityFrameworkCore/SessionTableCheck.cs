using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Microsoft.EntityFrameworkCore.Storage;
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
    SessionDbContextSource<TContext> contexts,
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
                await CreateTablesAsync(context, cancellationToken).ConfigureAwait(false);
                await AddColumnsAsync(context, cancellationToken).ConfigureAwait(false);
                return;
            }

            if (await MissingTablesAsync(context, cancellationToken).ConfigureAwait(false) is { Count: > 0 } missing)
            {
                logger.SessionTableMissing(typeof(TContext).Name, string.Join(", ", missing.Select(table => table.Name)));
            }

            foreach (var table in await MissingColumnsAsync(context, cancellationToken).ConfigureAwait(false))
            {
                logger.SessionColumnMissing(typeof(TContext).Name, table.Key.Name, string.Join(", ", table.Select(column => column.Name)));
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static async Task CreateTablesAsync(DbContext context, CancellationToken cancellationToken)
    {
        // A new database gets its tables here; an existing one (say, the app's own, or one made by an earlier version
        // of the kit) may lack some, and gets just those, as a migration would create them.
        await context.Database.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var missing = await MissingTablesAsync(context, cancellationToken).ConfigureAwait(false);
        if (missing.Count == 0)
        {
            return;
        }

        var model = context.GetService<IDesignTimeModel>().Model.GetRelationalModel();
        var operations = context.GetService<IMigrationsModelDiffer>().GetDifferences(null, model)
            .Where(operation => operation switch
            {
                CreateTableOperation table => missing.Contains((table.Name, table.Schema)),
                CreateIndexOperation index => missing.Contains((index.Table, index.Schema)),
                _ => false,
            })
            .ToList();
        var commands = context.GetService<IMigrationsSqlGenerator>().Generate(operations, context.Model);
        await context.GetService<IMigrationCommandExecutor>()
            .ExecuteNonQueryAsync(commands, context.GetService<IRelationalConnection>(), cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>
    /// Adds the columns a newer version of the kit keeps (all nullable, such as the sessions' credential) to tables an
    /// earlier version made, as a migration would add them.
    /// </summary>
    private static async Task AddColumnsAsync(DbContext context, CancellationToken cancellationToken)
    {
        var missing = await MissingColumnsAsync(context, cancellationToken).ConfigureAwait(false);
        if (missing.Count == 0)
        {
            return;
        }

        var operations = missing.SelectMany(table => table).Select(column => new AddColumnOperation
        {
            Table = column.Table.Name,
            Schema = column.Table.Schema,
            Name = column.Name,
            ClrType = column.ProviderClrType,
            ColumnType = column.StoreType,
            IsNullable = column.IsNullable,
            MaxLength = column.MaxLength,
            IsUnicode = column.IsUnicode,
        }).ToList();
        var commands = context.GetService<IMigrationsSqlGenerator>().Generate(operations, context.Model);
        await context.GetService<IMigrationCommandExecutor>()
            .ExecuteNonQueryAsync(commands, context.GetService<IRelationalConnection>(), cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>The columns of the kit's tables that the model maps and the database's tables lack, by table.</summary>
    private static async Task<List<IGrouping<(string Name, string? Schema), IColumn>>> MissingColumnsAsync(DbContext context, CancellationToken cancellationToken)
    {
        var missing = new List<IColumn>();
        if (!context.Database.IsRelational())
        {
            return [];
        }

        var sql = context.GetService<ISqlGenerationHelper>();
        var model = context.GetService<IDesignTimeModel>().Model.GetRelationalModel();
        var connection = context.Database.GetDbConnection();
        await context.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            foreach (var entity in KitEntities.Select(type => context.Model.FindEntityType(type)).OfType<IEntityType>())
            {
                var table = model.FindTable(entity.GetTableName()!, entity.GetSchema())!;
                var name = sql.DelimitIdentifier(table.Name, table.Schema);
                if (!await AnswersAsync(connection, $"SELECT 1 FROM {name} WHERE 1 = 0", cancellationToken).ConfigureAwait(false))
                {
                    // A missing table is reported, or created, as a table.
                    continue;
                }

                // Qualified, as SQLite reads an unknown double-quoted name alone as a string, not as a missing column.
                foreach (var column in table.Columns)
                {
                    if (!await AnswersAsync(connection, $"SELECT {name}.{sql.DelimitIdentifier(column.Name)} FROM {name} WHERE 1 = 0", cancellationToken).ConfigureAwait(false))
                    {
                        missing.Add(column);
                    }
                }
            }

            return [.. missing.GroupBy(column => (column.Table.Name, column.Table.Schema))];
        }
        finally
        {
            await context.Database.CloseConnectionAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Whether the database runs <paramref name="query"/>, asked on the connection itself: a failed EF query would log
    /// errors on an ordinary first start.
    /// </summary>
    private static async Task<bool> AnswersAsync(DbConnection connection, string query, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = query;
        try
        {
            await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (DbException)
        {
            return false;
        }
    }

    /// <summary>The kit's tables that the model maps and the database lacks.</summary>
    private static async Task<List<(string Name, string? Schema)>> MissingTablesAsync(DbContext context, CancellationToken cancellationToken)
    {
        var missing = new List<(string Name, string? Schema)>();
        if (!context.Database.IsRelational())
        {
            // A document or in-memory database has no tables to miss; EnsureCreated has made its containers.
            return missing;
        }

        var sql = context.GetService<ISqlGenerationHelper>();
        var connection = context.Database.GetDbConnection();
        await context.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            foreach (var entity in KitEntities.Select(type => context.Model.FindEntityType(type)).OfType<IEntityType>())
            {
                var table = (Name: entity.GetTableName()!, Schema: entity.GetSchema());
                if (!await AnswersAsync(connection, $"SELECT 1 FROM {sql.DelimitIdentifier(table.Name, table.Schema)} WHERE 1 = 0", cancellationToken).ConfigureAwait(false))
                {
                    missing.Add(table);
                }
            }

            return missing;
        }
        finally
        {
            await context.Database.CloseConnectionAsync().ConfigureAwait(false);
        }
    }
}
