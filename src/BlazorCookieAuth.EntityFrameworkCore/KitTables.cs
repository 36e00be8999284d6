using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Microsoft.EntityFrameworkCore.Storage;

namespace BlazorCookieAuth.EntityFrameworkCore;

/// <summary>
/// Finds which of the kit's tables a database lacks, and creates them, for the startup checks of the kit's stores
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

                // Asked on the connection itself: a failed EF query would log errors on an ordinary first start.
                await using var command = connection.CreateCommand();
                command.CommandText = $"SELECT 1 FROM {sql.DelimitIdentifier(table.Name, table.Schema)} WHERE 1 = 0";
                try
                {
                    await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (DbException)
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
