using System.Globalization;

namespace BlazorCookieAuth.Demo.Users;

// The rest of UserStore is the project template's SQLite user store (linked in the project file). The demo's
// account pages and user loader need two more queries.
internal sealed partial class UserStore
{
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

    /// <summary>Deletes a user; returns whether there was one.</summary>
    public async Task<bool> DeleteAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM users WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }
}
