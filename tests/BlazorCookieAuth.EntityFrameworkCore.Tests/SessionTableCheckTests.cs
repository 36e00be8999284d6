using BlazorCookieAuth.EntityFrameworkCore.Tests.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace BlazorCookieAuth.EntityFrameworkCore.Tests;

public sealed class SessionTableCheckTests
{
    private const string TableName = AuthSessionModelBuilderExtensions.DefaultTableName;
    private const string ChangesTableName = TableName + "CredentialChanges";

    [Fact]
    public async Task The_ready_context_creates_its_table_in_a_new_database_file()
    {
        using var database = new SqliteFile();
        await using var app = AppServices.WithReadyContext(database, TimeProvider.System);
        Assert.False(File.Exists(database.Path));

        await app.CheckSessionTableAsync<AuthSessionDbContext>();

        Assert.Equal([TableName, ChangesTableName], await database.TablesAsync());
        await AssertKeepsSessionsAsync(app.Store);
    }

    [Fact]
    public async Task The_ready_context_adds_its_table_to_a_database_that_has_other_tables()
    {
        using var database = new SqliteFile();
        await database.ExecuteAsync("CREATE TABLE users (name TEXT NOT NULL); INSERT INTO users VALUES ('alice');");
        await using var app = AppServices.WithReadyContext(database, TimeProvider.System);

        await app.CheckSessionTableAsync<AuthSessionDbContext>();

        Assert.Equal([TableName, ChangesTableName, "users"], await database.TablesAsync());
        Assert.Equal(["alice"], await database.QueryAsync("SELECT name FROM users"));
        Assert.DoesNotContain(app.Logs.Entries, e => e.Level >= LogLevel.Warning);
        await AssertKeepsSessionsAsync(app.Store);
    }

    [Fact]
    public async Task The_ready_context_adds_the_credential_changes_table_to_a_database_made_before_it_existed()
    {
        using var database = new SqliteFile();
        var session = await KeepSessionAsync(database);
        await database.ExecuteAsync($"DROP TABLE {ChangesTableName}");
        await using var app = AppServices.WithReadyContext(database, TimeProvider.System);

        await app.CheckSessionTableAsync<AuthSessionDbContext>();

        Assert.Equal([TableName, ChangesTableName], await database.TablesAsync());
        Assert.DoesNotContain(app.Logs.Entries, e => e.Level >= LogLevel.Warning);
        Assert.Equal(session, await app.Store.FindAsync(session.SessionId));
        Assert.Equal([session.SessionId], await app.Store.SetCredentialsValidFromAsync(session.AuthId, session.AuthenticatedAt.AddMilliseconds(1)));
        Assert.Equal(["alice"], await database.QueryAsync($"SELECT AuthId FROM {ChangesTableName}"));
    }

    [Fact]
    public async Task The_ready_context_adds_the_credential_column_to_a_sessions_table_made_before_it_existed()
    {
        using var database = new SqliteFile();
        var session = await KeepSessionAsync(database);
        await database.ExecuteAsync($"ALTER TABLE {TableName} DROP COLUMN Credential");
        await using var app = AppServices.WithReadyContext(database, TimeProvider.System);

        await app.CheckSessionTableAsync<AuthSessionDbContext>();

        Assert.DoesNotContain(app.Logs.Entries, e => e.Level >= LogLevel.Warning);
        Assert.Equal(session, await app.Store.FindAsync(session.SessionId));
        var started = NewSession() with { Credential = "passkey:abc" };
        await app.Store.CreateAsync(started, maxSessionsPerUser: 5);
        Assert.Equal(started, await app.Store.FindAsync(started.SessionId));
    }

    [Fact]
    public async Task An_apps_own_context_migrated_before_the_credential_column_existed_logs_an_error_naming_it()
    {
        using var database = new SqliteFile();
        await using var app = AppServices.WithAppContext<AppDbContext>(database, TimeProvider.System);
        await app.WithContextAsync<AppDbContext>(context => context.Database.EnsureCreatedAsync());
        await database.ExecuteAsync($"ALTER TABLE {TableName} DROP COLUMN Credential");

        await app.CheckSessionTableAsync<AppDbContext>();

        var error = Assert.Single(app.Logs.Entries, e => e.EventId.Name == "SessionColumnMissing");
        Assert.Equal(LogLevel.Error, error.Level);
        Assert.Equal(202, error.EventId.Id);
        Assert.Contains($"table {TableName} lacks the columns Credential,", error.Message, StringComparison.Ordinal);
        Assert.Contains("dotnet ef migrations add", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(app.Logs.Entries, e => e.EventId.Name == "SessionTableMissing");
    }

    [Fact]
    public async Task An_apps_own_context_keeps_sessions_once_its_table_exists()
    {
        using var database = new SqliteFile();
        await using var app = AppServices.WithAppContext<AppDbContext>(database, TimeProvider.System);
        await app.WithContextAsync<AppDbContext>(context => context.Database.EnsureCreatedAsync());

        await app.CheckSessionTableAsync<AppDbContext>();

        Assert.DoesNotContain(app.Logs.Entries, e => e.Level >= LogLevel.Warning);
        await AssertKeepsSessionsAsync(app.Store);
    }

    [Fact]
    public async Task An_apps_own_context_that_does_not_map_the_table_fails_at_startup_with_the_fix()
    {
        using var database = new SqliteFile();
        await using var app = AppServices.WithAppContext<AppDbContextWithoutSessions>(database, TimeProvider.System);

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(app.CheckSessionTableAsync<AppDbContextWithoutSessions>);

        Assert.Contains(nameof(AppDbContextWithoutSessions), failure.Message, StringComparison.Ordinal);
        Assert.Contains("modelBuilder.AddBlazorCookieAuthSessions()", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_apps_own_context_whose_table_is_missing_logs_an_error_with_the_fix()
    {
        using var database = new SqliteFile();
        await using var app = AppServices.WithAppContext<AppDbContext>(database, TimeProvider.System);

        await app.CheckSessionTableAsync<AppDbContext>();

        var error = Assert.Single(app.Logs.Entries, e => e.EventId.Name == "SessionTableMissing");
        Assert.Equal(LogLevel.Error, error.Level);
        Assert.Contains(nameof(AppDbContext), error.Message, StringComparison.Ordinal);
        Assert.Contains("dotnet ef migrations add BlazorCookieAuthSessions", error.Message, StringComparison.Ordinal);
        Assert.Contains($"{TableName}, {ChangesTableName}", error.Message, StringComparison.Ordinal);
        Assert.Empty(await database.TablesAsync());
    }

    [Fact]
    public async Task An_apps_own_context_migrated_before_the_credential_changes_table_existed_logs_an_error_naming_it()
    {
        using var database = new SqliteFile();
        await using var app = AppServices.WithAppContext<AppDbContext>(database, TimeProvider.System);
        await app.WithContextAsync<AppDbContext>(context => context.Database.EnsureCreatedAsync());
        await database.ExecuteAsync($"DROP TABLE {ChangesTableName}");

        await app.CheckSessionTableAsync<AppDbContext>();

        var error = Assert.Single(app.Logs.Entries, e => e.EventId.Name == "SessionTableMissing");
        Assert.Equal(LogLevel.Error, error.Level);
        Assert.Contains($"tables {ChangesTableName}, so", error.Message, StringComparison.Ordinal);
        Assert.Equal([TableName], await database.TablesAsync());
    }

    private static async Task AssertKeepsSessionsAsync(IAuthSessionStore store)
    {
        var session = NewSession();

        await store.CreateAsync(session, maxSessionsPerUser: 1);

        Assert.Equal(session, await store.FindAsync(session.SessionId));
    }

    /// <summary>Starts the ready context on a new database file and keeps a session there, as an earlier run would.</summary>
    private static async Task<AuthSessionRecord> KeepSessionAsync(SqliteFile database)
    {
        await using var app = AppServices.WithReadyContext(database, TimeProvider.System);
        await app.CheckSessionTableAsync<AuthSessionDbContext>();
        var session = NewSession();
        await app.Store.CreateAsync(session, maxSessionsPerUser: 1);
        return session;
    }

    private static AuthSessionRecord NewSession()
    {
        var now = DateTimeOffset.FromUnixTimeMilliseconds(TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds());
        return new AuthSessionRecord
        {
            SessionId = Guid.NewGuid().ToString("N"),
            AuthId = "alice",
            CreatedAt = now,
            LastSeenAt = now,
            AuthenticatedAt = now,
            ExpiresAt = now.AddHours(1),
        };
    }
}
