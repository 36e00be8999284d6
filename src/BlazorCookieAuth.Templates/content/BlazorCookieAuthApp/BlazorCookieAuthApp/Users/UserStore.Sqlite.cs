using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;

#if (BLAZORCOOKIEAUTH_DEMO)
namespace BlazorCookieAuth.Demo.Users;
#else
namespace BlazorCookieAuthApp.Users;
#endif

/// <summary>
/// A starter user store in a SQLite database (the <c>Users</c> connection string).
/// Replace it with your own user database; only <see cref="UserCredentialValidator"/> reads it.
/// </summary>
#if (BLAZORCOOKIEAUTH_DEMO)
// The demo's account pages need one more query, which it adds in a part of its own.
internal sealed partial class UserStore(IConfiguration configuration, IPasswordHasher<AppUser> passwordHasher)
#else
internal sealed class UserStore(IConfiguration configuration, IPasswordHasher<AppUser> passwordHasher)
#endif
{
    private const char RoleSeparator = ',';

    private readonly string connectionString = configuration.GetConnectionString("Users")
        ?? throw new InvalidOperationException("The connection string 'Users' is missing; appsettings.json sets it.");

    /// <summary>Creates the database's folder and the users table when they don't exist yet.</summary>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        // SQLite creates the database file, but not the folder it goes in (such as Data Source=App_Data/users.db).
        var directory = Path.GetDirectoryName(new SqliteConnectionStringBuilder(connectionString).DataSource);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        // AUTOINCREMENT: a deleted user's id is never given to a new user, so an old cookie can't open someone else's account.
        command.CommandText = """
            CREATE TABLE IF NOT EXISTS users (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                user_name TEXT NOT NULL UNIQUE COLLATE NOCASE,
                display_name TEXT NOT NULL,
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
        command.CommandText = "SELECT id, user_name, display_name, password_hash, roles FROM users WHERE user_name = $userName";
        command.Parameters.AddWithValue("$userName", userName);
        return await ReadUserAsync(command, cancellationToken);
    }

    /// <summary>Finds a user by id, the auth id in the login cookie.</summary>
    public async Task<AppUser?> FindByIdAsync(string id, CancellationToken cancellationToken)
    {
        if (!long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var key))
        {
            return null;
        }

        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, user_name, display_name, password_hash, roles FROM users WHERE id = $id";
        command.Parameters.AddWithValue("$id", key);
        return await ReadUserAsync(command, cancellationToken);
    }

    /// <summary>Adds a user with a hash of <paramref name="password"/>, unless one with the same name exists.</summary>
    public async Task AddAsync(string userName, string displayName, string password, IReadOnlyList<string> roles, CancellationToken cancellationToken)
    {
        // The id is the database's to give; the password hasher doesn't read the user it hashes for.
        var user = new AppUser(Id: string.Empty, userName, displayName, PasswordHash: string.Empty, roles);
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO users (user_name, display_name, password_hash, roles)
            VALUES ($userName, $displayName, $passwordHash, $roles)
            ON CONFLICT (user_name) DO NOTHING
            """;
        command.Parameters.AddWithValue("$userName", userName);
        command.Parameters.AddWithValue("$displayName", displayName);
        command.Parameters.AddWithValue("$passwordHash", passwordHasher.HashPassword(user, password));
        command.Parameters.AddWithValue("$roles", string.Join(RoleSeparator, roles));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Replaces the password hash of <paramref name="user"/>, as it was read, with <paramref name="passwordHash"/>;
    /// a password changed since then is left alone.
    /// </summary>
    public async Task UpdatePasswordHashAsync(AppUser user, string passwordHash, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE users SET password_hash = $passwordHash WHERE id = $id AND password_hash = $readPasswordHash";
        command.Parameters.AddWithValue("$passwordHash", passwordHash);
        command.Parameters.AddWithValue("$id", user.Id);
        command.Parameters.AddWithValue("$readPasswordHash", user.PasswordHash);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<AppUser?> ReadUserAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var roles = reader.GetString(4).Split(RoleSeparator, StringSplitOptions.RemoveEmptyEntries);
        return new AppUser(reader.GetInt64(0).ToString(CultureInfo.InvariantCulture), reader.GetString(1), reader.GetString(2), reader.GetString(3), roles);
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
