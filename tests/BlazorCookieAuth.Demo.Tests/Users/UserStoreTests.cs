using BlazorCookieAuth.Demo.Tests.TestHost;
using BlazorCookieAuth.Demo.Users;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorCookieAuth.Demo.Tests.Users;

/// <summary>The demo's user table: ids are never handed to someone new, and a stale write doesn't undo a newer one.</summary>
public sealed class UserStoreTests
{
    [Fact]
    public void A_new_user_never_gets_the_id_of_a_deleted_one()
    {
        using var demo = new DemoAppFactory();
        _ = demo.Services;
        var bobId = Scalar(demo.UsersDatabasePath, "SELECT id FROM users WHERE user_name = 'bob'");

        Execute(demo.UsersDatabasePath, "DELETE FROM users WHERE user_name = 'bob'");
        Execute(demo.UsersDatabasePath, "INSERT INTO users (user_name, display_name, password_hash, roles) VALUES ('carol', 'Carol', 'x', '')");

        Assert.NotEqual(bobId, Scalar(demo.UsersDatabasePath, "SELECT id FROM users WHERE user_name = 'carol'"));
    }

    [Fact]
    public async Task A_password_hash_update_from_a_stale_read_leaves_a_newer_password_alone()
    {
        using var demo = new DemoAppFactory();
        var users = demo.Services.GetRequiredService<UserStore>();
        var read = await users.FindByUserNameAsync("alice", CancellationToken.None);
        Assert.NotNull(read);

        await users.UpdatePasswordHashAsync(read, "hash-of-the-new-password", CancellationToken.None);
        await users.UpdatePasswordHashAsync(read, "rehash-of-the-old-password", CancellationToken.None);

        Assert.Equal("hash-of-the-new-password", Scalar(demo.UsersDatabasePath, "SELECT password_hash FROM users WHERE user_name = 'alice'"));
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
