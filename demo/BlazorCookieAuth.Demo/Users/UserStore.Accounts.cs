namespace BlazorCookieAuth.Demo.Users;

// The rest of UserStore is the project template's SQLite user store (linked in the project file). The demo's
// account deletion page needs one more query.
internal sealed partial class UserStore
{
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
