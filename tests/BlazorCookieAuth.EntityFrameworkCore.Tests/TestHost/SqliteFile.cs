using Microsoft.Data.Sqlite;

namespace BlazorCookieAuth.EntityFrameworkCore.Tests.TestHost;

/// <summary>A SQLite database file of a test's own in the temp folder, deleted on dispose.</summary>
internal sealed class SqliteFile : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"blazorcookieauth-{Guid.NewGuid():N}.db");

    public string ConnectionString => $"Data Source={Path}";

    /// <summary>Runs <paramref name="sql"/> on a connection of its own, as a tool outside the app would.</summary>
    public async Task ExecuteAsync(string sql)
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Reads the first column of every row <paramref name="sql"/> returns.</summary>
    public async Task<IReadOnlyList<string>> QueryAsync(string sql)
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }

    /// <summary>The names of the tables in the file.</summary>
    public Task<IReadOnlyList<string>> TablesAsync() =>
        QueryAsync("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name");

    public void Dispose()
    {
        // Pooled connections keep the file open until the pool lets them go.
        SqliteConnection.ClearAllPools();
        File.Delete(Path);
    }

    private async Task<SqliteConnection> OpenAsync()
    {
        var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync();
        return connection;
    }
}
