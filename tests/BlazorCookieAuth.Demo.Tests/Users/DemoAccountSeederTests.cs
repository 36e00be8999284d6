using BlazorCookieAuth.Demo.Tests.TestHost;
using Microsoft.AspNetCore.Identity;

namespace BlazorCookieAuth.Demo.Tests.Users;

public sealed class DemoAccountSeederTests(DemoAppFactory factory) : IClassFixture<DemoAppFactory>
{
    [Fact]
    public void First_run_creates_the_demo_accounts_with_hashed_passwords()
    {
        _ = factory.Services;

        var rows = UserRows();

        Assert.Equal(["alice", "bob"], rows.Select(r => r.UserName));
        Assert.Equal(["Alice Liddell", "Bob the Builder"], rows.Select(r => r.DisplayName));
        var hasher = new PasswordHasher<UserRow>();
        Assert.All(rows.Zip(["wonderland", "canwefixit"]), pair =>
        {
            var (row, password) = pair;
            Assert.DoesNotContain(password, row.PasswordHash, StringComparison.Ordinal);
            Assert.Equal(PasswordVerificationResult.Success, hasher.VerifyHashedPassword(row, row.PasswordHash, password));
        });
    }

    [Fact]
    public void A_restart_keeps_existing_accounts_as_they_are()
    {
        _ = factory.Services;
        var before = UserRows();

        using (var restarted = factory.WithWebHostBuilder(_ => { }))
        {
            _ = restarted.Services;
        }

        Assert.Equal(before, UserRows());
    }

    private List<UserRow> UserRows()
    {
        using var connection = factory.OpenDatabase();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, user_name, display_name, password_hash FROM users ORDER BY id";
        using var reader = command.ExecuteReader();
        var rows = new List<UserRow>();
        while (reader.Read())
        {
            rows.Add(new UserRow(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3)));
        }

        return rows;
    }

    /// <summary>A row of the users table.</summary>
    private sealed record UserRow(long Id, string UserName, string DisplayName, string PasswordHash);
}
