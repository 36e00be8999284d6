using BlazorCookieAuth.Demo.Tests.TestHost;
using Microsoft.Data.Sqlite;

namespace BlazorCookieAuth.Demo.Tests.Users;

/// <summary>The demo's user table never hands a deleted user's id to someone new.</summary>
public sealed class UserStoreTests
{
    [Fact]
    public void A_new_user_never_gets_the_id_of_a_deleted_one()
    {
        using var demo = new DemoAppFactory();
        _ = demo.Services;
        var bobId = Scalar(demo.UsersDatabasePath, "SELECT id FROM users WHERE user_name = 'bob'");

        Execute(demo.UsersDatabasePath, "DELETE FROM users WHERE user_name = 'bob'");
        Execute(demo.UsersDatabasePath, "INSERT INTO users (user_name, display_name, password_hash) VALUES ('carol', 'Carol', 'x')");

        Assert.NotEqual(bobId, Scalar(demo.UsersDatabasePath, "SELECT id FROM users WHERE user_name = 'carol'"));
    }

    [Fact]
    public void A_table_from_an_older_demo_is_rebuilt_with_autoincrement_keeping_its_users_and_ids()
    {
        using var demo = new DemoAppFactory();
        Execute(demo.UsersDatabasePath, """
            CREATE TABLE users (
                id INTEGER PRIMARY KEY,
                user_name TEXT NOT NULL UNIQUE COLLATE NOCASE,
                display_name TEXT NOT NULL,
                password_hash TEXT NOT NULL);
            INSERT INTO users (id, user_name, display_name, password_hash) VALUES (5, 'dora', 'Dora', 'hash-of-dora');
            """);

        _ = demo.Services;

        Assert.Contains("AUTOINCREMENT", (string)Scalar(demo.UsersDatabasePath, "SELECT sql FROM sqlite_master WHERE name = 'users'")!, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(5L, Scalar(demo.UsersDatabasePath, "SELECT id FROM users WHERE user_name = 'dora'"));
        Assert.Equal("hash-of-dora", Scalar(demo.UsersDatabasePath, "SELECT password_hash FROM users WHERE user_name = 'dora'"));
        Assert.True((long)Scalar(demo.UsersDatabasePath, "SELECT min(id) FROM users WHERE user_name IN ('alice', 'bob')")! > 5);
    }

    private static object? Scalar(string path, string sql)
    {
        using var connection = Open(path);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private static void Execute(string path, string sql)
    {
        using var connection = Open(path);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static SqliteConnection Open(string path)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path }.ToString());
        connection.Open();
        return connection;
    }
}
