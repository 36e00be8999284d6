using System.Security.Cryptography;
using BlazorCookieAuth.EntityFrameworkCore.Tests.TestHost;
using BlazorCookieAuth.Passkeys.EntityFrameworkCore.Tests.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace BlazorCookieAuth.Passkeys.EntityFrameworkCore.Tests;

public sealed class PasskeyTableCheckTests
{
    private const string TableName = PasskeyModelBuilderExtensions.DefaultTableName;
    private const string HandlesTableName = TableName + "UserHandles";
    private const string ChallengesTableName = TableName + "UsedChallenges";

    [Fact]
    public async Task The_ready_context_creates_its_tables_in_a_new_database_file()
    {
        using var database = new SqliteFile();
        await using var app = PasskeyStoreServices.WithReadyContext(database);
        Assert.False(File.Exists(database.Path));

        await app.CheckPasskeyTablesAsync<PasskeyDbContext>();

        Assert.Equal([TableName, ChallengesTableName, HandlesTableName], await database.TablesAsync());
        Assert.DoesNotContain(app.Logs.Entries, e => e.Level >= LogLevel.Warning);
        await AssertKeepsPasskeysAsync(app.Store);
    }

    [Fact]
    public async Task The_ready_context_adds_its_tables_to_a_database_that_has_other_tables()
    {
        using var database = new SqliteFile();
        await database.ExecuteAsync("CREATE TABLE users (name TEXT NOT NULL); INSERT INTO users VALUES ('alice');");
        await using var app = PasskeyStoreServices.WithReadyContext(database);

        await app.CheckPasskeyTablesAsync<PasskeyDbContext>();

        Assert.Equal([TableName, ChallengesTableName, HandlesTableName, "users"], await database.TablesAsync());
        Assert.Equal(["alice"], await database.QueryAsync("SELECT name FROM users"));
        await AssertKeepsPasskeysAsync(app.Store);
    }

    [Fact]
    public async Task The_ready_contexts_of_sessions_and_passkeys_share_one_database_file()
    {
        using var database = new SqliteFile();

        await using (var app = await PasskeyStoreApp.StartAsync(database, new(PasskeyStoreAppTests.Start)))
        {
            await AssertKeepsPasskeysAsync(app.Store);
        }

        Assert.Equal(
            [TableName, ChallengesTableName, HandlesTableName, AuthSessionModelBuilderExtensions.DefaultTableName, AuthSessionModelBuilderExtensions.DefaultTableName + "CredentialChanges"],
            await database.TablesAsync());
    }

    [Fact]
    public async Task The_ready_context_adds_the_user_handles_table_when_only_it_is_missing()
    {
        using var database = new SqliteFile();
        await using (var first = PasskeyStoreServices.WithReadyContext(database))
        {
            await first.CheckPasskeyTablesAsync<PasskeyDbContext>();
        }

        await database.ExecuteAsync($"DROP TABLE {HandlesTableName}");
        await using var app = PasskeyStoreServices.WithReadyContext(database);

        await app.CheckPasskeyTablesAsync<PasskeyDbContext>();

        Assert.Equal([TableName, ChallengesTableName, HandlesTableName], await database.TablesAsync());
        await AssertKeepsPasskeysAsync(app.Store);
    }

    [Fact]
    public async Task An_apps_own_context_keeps_passkeys_in_the_tables_it_names_once_they_exist()
    {
        using var database = new SqliteFile();
        await using var app = PasskeyStoreServices.WithAppContext<AppDbContext>(database);
        await app.WithContextAsync<AppDbContext>(context => context.Database.EnsureCreatedAsync());

        await app.CheckPasskeyTablesAsync<AppDbContext>();

        Assert.DoesNotContain(app.Logs.Entries, e => e.Level >= LogLevel.Warning);
        var passkey = await AssertKeepsPasskeysAsync(app.Store);
        Assert.Equal([passkey.Name], await database.QueryAsync($"SELECT Name FROM {AppDbContext.PasskeysTable}"));
        Assert.Equal(["alice"], await database.QueryAsync($"SELECT AuthId FROM {AppDbContext.PasskeysTable}UserHandles"));
        Assert.DoesNotContain(TableName, await database.TablesAsync());
    }

    [Fact]
    public async Task An_apps_own_context_that_does_not_map_the_tables_fails_at_startup_with_the_fix()
    {
        using var database = new SqliteFile();
        await using var app = PasskeyStoreServices.WithAppContext<AppDbContextWithoutPasskeys>(database);

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(app.CheckPasskeyTablesAsync<AppDbContextWithoutPasskeys>);

        Assert.Contains(nameof(AppDbContextWithoutPasskeys), failure.Message, StringComparison.Ordinal);
        Assert.Contains("modelBuilder.AddBlazorCookieAuthPasskeys()", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_apps_own_context_whose_tables_are_missing_logs_an_error_with_the_fix()
    {
        using var database = new SqliteFile();
        await using var app = PasskeyStoreServices.WithAppContext<AppDbContext>(database);

        await app.CheckPasskeyTablesAsync<AppDbContext>();

        var error = Assert.Single(app.Logs.Entries, e => e.EventId.Name == "PasskeyTableMissing");
        Assert.Equal(LogLevel.Error, error.Level);
        Assert.Equal(501, error.EventId.Id);
        Assert.Contains(nameof(AppDbContext), error.Message, StringComparison.Ordinal);
        Assert.Contains("dotnet ef migrations add BlazorCookieAuthPasskeys", error.Message, StringComparison.Ordinal);
        Assert.Contains($"{AppDbContext.PasskeysTable}, {AppDbContext.PasskeysTable}UserHandles", error.Message, StringComparison.Ordinal);
        Assert.Empty(await database.TablesAsync());
    }

    /// <summary>Adds a passkey and a user handle for alice, and reads both back.</summary>
    private static async Task<StoredPasskey> AssertKeepsPasskeysAsync(IPasskeyStore store)
    {
        var passkey = new StoredPasskey
        {
            CredentialId = RandomNumberGenerator.GetBytes(32),
            AuthId = "alice",
            PublicKey = RandomNumberGenerator.GetBytes(77),
            Name = "Laptop",
            CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()),
        };
        var handle = RandomNumberGenerator.GetBytes(32);

        Assert.True(await store.AddAsync(passkey));
        Assert.Equal(handle, await store.GetOrAddUserHandleAsync("alice", handle));

        Assert.Equal(passkey.Name, (await store.FindAsync(passkey.CredentialId))?.Name);
        Assert.Equal("alice", await store.FindAuthIdAsync(handle));
        return passkey;
    }
}
