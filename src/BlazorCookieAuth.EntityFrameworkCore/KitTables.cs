using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Microsoft.EntityFrameworkCore.Storage;

namespace BlazorCookieAuth.EntityFrameworkCore;

/// <summary>
/// Finds which of the kit's tables and columns a database lacks, and creates them, for the startup checks of the kit's stores
/// (<see cref="SessionTableCheck{TContext}"/>, and the passkey store's).
/// </summary>
internal static class KitTables
{
    /// <summary>
    /// Creates the tables of <paramref name="entities"/> that the database lacks, with their indexes, as a migration
    /// would: the whole database when it is new, else just the missing tables, so a database shared with the app or
    /// another of the kit's stores, or made by an earlier version, gains the ones it lacks.
    /// </summary>
    public static async Task CreateMissingAsync(DbContext context, IReadOnlyList<Type> entities, CancellationToken cancellationToken)
    {
        await context.Database.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var missing = await MissingAsync(context, entities, cancellationToken).ConfigureAwait(false);
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

    /// <summary>The tables of <paramref name="entities"/> that the model maps and the database lacks.</summary>
    public static async Task<List<(string Name, string? Schema)>> MissingAsync(DbContext context, IReadOnlyList<Type> entities, CancellationToken cancellationToken)
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
            foreach (var entity in entities.Select(type => context.Model.FindEntityType(type)).OfType<IEntityType>())
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

    /// <summary>
    /// Adds the columns of <paramref name="entities"/> that a newer version of the kit keeps (all nullable, such as the
    /// sessions' credential) to tables an earlier version made, as a migration would add them.
    /// </summary>
    public static async Task AddMissingColumnsAsync(DbContext context, IReadOnlyList<Type> entities, CancellationToken cancellationToken)
    {
        var missing = await MissingColumnsAsync(context, entities, cancellationToken).ConfigureAwait(false);
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

    /// <summary>
    /// The columns of <paramref name="entities"/>' tables that the model maps and the database's tables lack, by table.
    /// A missing table is not counted here: it is reported, or created, as a table.
    /// </summary>
    public static async Task<List<IGrouping<(string Name, string? Schema), IColumn>>> MissingColumnsAsync(DbContext context, IReadOnlyList<Type> entities, CancellationToken cancellationToken)
    {
        if (!context.Database.IsRelational())
        {
            return [];
        }

        var missing = new List<IColumn>();
        var sql = context.GetService<ISqlGenerationHelper>();
        var model = context.GetService<IDesignTimeModel>().Model.GetRelationalModel();
        var connection = context.Database.GetDbConnection();
        await context.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            foreach (var entity in entities.Select(type => context.Model.FindEntityType(type)).OfType<IEntityType>())
            {
                var table = model.FindTable(entity.GetTableName()!, entity.GetSchema())!;
                var name = sql.DelimitIdentifier(table.Name, table.Schema);
                if (!await AnswersAsync(connection, $"SELECT 1 FROM {name} WHERE 1 = 0", cancellationToken).ConfigureAwait(false))
                {
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
}
