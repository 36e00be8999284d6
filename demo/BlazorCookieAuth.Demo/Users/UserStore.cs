using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace BlazorCookieAuth.Demo.Users;

/// <summary>The demo's users, kept in an embedded SQLite database file.</summary>
internal sealed class UserStore
{
    private readonly string databasePath;
    private readonly string connectionString;

    public UserStore(IOptions<UserDatabaseOptions> options, IHostEnvironment environment)
    {
        databasePath = Path.Combine(environment.ContentRootPath, options.Value.DatabasePath);
        connectionString = new SqliteConnectionStringBuilder { DataSource = databasePath }.ToString();
    }


    /// <summary>
    /// Creates the database file and the users table when they don't exist yet. A table made by an older demo,
    /// whose ids could be reused, is rebuilt with AUTOINCREMENT, keeping its users and their ids.
    /// </summary>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(databasePath);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using var existing = connection.CreateCommand();
        existing.CommandText = "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'users'";
        var definition = (string?)await existing.ExecuteScalarAsync(cancellationToken);
        if (definition is null)
        {
            await ExecuteAsync(connection, CreateUsersTable("users"), cancellationToken);
        }
        else if (!definition.Contains("AUTOINCREMENT", StringComparison.OrdinalIgnoreCase))
        {
            await ExecuteAsync(connection, CreateUsersTable("users_autoincrement"), cancellationToken);
            await ExecuteAsync(connection, "INSERT INTO users_autoincrement (id, user_name, display_name, password_hash) SELECT id, user_name, display_name, password_hash FROM users", cancellationToken);
            await ExecuteAsync(connection, "DROP TABLE users", cancellationToken);
            await ExecuteAsync(connection, "ALTER TABLE users_autoincrement RENAME TO users", cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Finds a user by id, the auth id in the login cookie.</summary>
    public async Task<DemoUser?> FindByIdAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, user_name, display_name, password_hash FROM users WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        return await ReadUserAsync(command, cancellationToken);
    }

    /// <summary>Deletes a user; returns whether there was one.</summary>
    public async Task<bool> DeleteAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM users WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>Finds a user by the name typed on the login page, ignoring case.</summary>
    public async Task<DemoUser?> FindByUserNameAsync(string userName, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, user_name, display_name, password_hash FROM users WHERE user_name = $userName";
        command.Parameters.AddWithValue("$userName", userName);
        return await ReadUserAsync(command, cancellationToken);
    }

    /// <summary>Adds a user unless one with the same name exists; returns whether it was added.</summary>
    public async Task<bool> AddAsync(string userName, string displayName, string passwordHash, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO users (user_name, display_name, password_hash)
            VALUES ($userName, $displayName, $passwordHash)
            ON CONFLICT (user_name) DO NOTHING
            """;
        command.Parameters.AddWithValue("$userName", userName);
        command.Parameters.AddWithValue("$displayName", displayName);
        command.Parameters.AddWithValue("$passwordHash", passwordHash);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>Replaces a user's password hash, for example with a stronger hash of the same password.</summary>
    public async Task UpdatePasswordHashAsync(long userId, string passwordHash, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE users SET password_hash = $passwordHash WHERE id = $id";
        command.Parameters.AddWithValue("$passwordHash", passwordHash);
        command.Parameters.AddWithValue("$id", userId);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    // AUTOINCREMENT: a deleted user's id is never given to a new user, so an old cookie can't open someone else's account.
    private static string CreateUsersTable(string name) => $"""
        CREATE TABLE {name} (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            user_name TEXT NOT NULL UNIQUE COLLATE NOCASE,
            display_name TEXT NOT NULL,
            password_hash TEXT NOT NULL)
        """;

    private static async Task<DemoUser?> ReadUserAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new DemoUser(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3));
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}
