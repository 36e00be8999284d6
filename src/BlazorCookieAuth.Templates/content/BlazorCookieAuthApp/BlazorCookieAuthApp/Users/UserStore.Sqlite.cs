using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;

namespace BlazorCookieAuthApp.Users;

/// <summary>
/// A starter user store in a SQLite database (the <c>Users</c> connection string).
/// Replace it with your own user database; only <see cref="UserCredentialValidator"/> reads it.
/// </summary>
internal sealed class UserStore(IConfiguration configuration, IPasswordHasher<AppUser> passwordHasher)
{
    private const char RoleSeparator = ',';

    private readonly string connectionString = configuration.GetConnectionString("Users")
        ?? throw new InvalidOperationException("The connection string 'Users' is missing; appsettings.json sets it.");

    /// <summary>Creates the users table when it doesn't exist yet.</summary>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            CREATE TABLE IF NOT EXISTS users (
                id TEXT PRIMARY KEY,
                user_name TEXT NOT NULL UNIQUE COLLATE NOCASE,
                password_hash TEXT NOT NULL,
                roles TEXT NOT NULL)
            """;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Finds a user by the name typed on the login page, ignoring case.</summary>
    public async Task<AppUser?> FindByUserNameAsync(string userName, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, user_name, password_hash, roles FROM users WHERE user_name = $userName";
        command.Parameters.AddWithValue("$userName", userName);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var roles = reader.GetString(3).Split(RoleSeparator, StringSplitOptions.RemoveEmptyEntries);
        return new AppUser(reader.GetString(0), reader.GetString(1), reader.GetString(2), roles);
    }

    /// <summary>Adds a user with a hash of <paramref name="password"/>, unless one with the same name exists.</summary>
    public async Task AddAsync(string userName, string password, IReadOnlyList<string> roles, CancellationToken cancellationToken)
    {
        var user = new AppUser(Guid.NewGuid().ToString("N"), userName, PasswordHash: string.Empty, roles);
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO users (id, user_name, password_hash, roles)
            VALUES ($id, $userName, $passwordHash, $roles)
            ON CONFLICT (user_name) DO NOTHING
            """;
        command.Parameters.AddWithValue("$id", user.Id);
        command.Parameters.AddWithValue("$userName", userName);
        command.Parameters.AddWithValue("$passwordHash", passwordHasher.HashPassword(user, password));
        command.Parameters.AddWithValue("$roles", string.Join(RoleSeparator, roles));
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
