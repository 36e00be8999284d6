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

    /// <summary>Creates the database file and the users table when they don't exist yet.</summary>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(databasePath);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            CREATE TABLE IF NOT EXISTS users (
                id INTEGER PRIMARY KEY,
                user_name TEXT NOT NULL UNIQUE COLLATE NOCASE,
                display_name TEXT NOT NULL,
                password_hash TEXT NOT NULL)
            """;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Finds a user by the name typed on the login page, ignoring case.</summary>
    public async Task<DemoUser?> FindByUserNameAsync(string userName, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, user_name, display_name, password_hash FROM users WHERE user_name = $userName";
        command.Parameters.AddWithValue("$userName", userName);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new DemoUser(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3));
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
