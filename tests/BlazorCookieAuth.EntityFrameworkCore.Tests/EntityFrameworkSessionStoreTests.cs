using System.Data;
using BlazorCookieAuth.EntityFrameworkCore.Tests.TestHost;
using BlazorCookieAuth.Tests.Sessions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace BlazorCookieAuth.EntityFrameworkCore.Tests;

public sealed class EntityFrameworkSessionStoreTests : SessionStoreContract, IDisposable
{
    private const string SessionIds = "SELECT SessionId FROM BlazorCookieAuthSessions ORDER BY CreatedAt";
    private const string ChangedAuthIds = "SELECT AuthId FROM BlazorCookieAuthSessionsCredentialChanges ORDER BY AuthId";

    /// <summary>SQLite's result code for a database another connection has locked.</summary>
    private const int SqliteBusy = 5;

    private readonly SqliteFile _database = new();
    private AppServices? _app;

    protected override async Task<IAuthSessionStore> CreateStoreAsync(FakeTimeProvider timeProvider)
    {
        _app = AppServices.WithReadyContext(_database, timeProvider);
        await _app.CheckSessionTableAsync<AuthSessionDbContext>();
        return _app.Store;
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    // xunit calls it after DisposeAsync, once the app has let go of the file.
    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task The_table_holds_one_row_per_live_session_and_loses_it_when_the_session_goes()
    {
        var now = Time.GetUtcNow();
        var first = Session("alice", createdAt: now.AddSeconds(-3));
        var second = Session("alice", createdAt: now.AddSeconds(-2), expiresAt: now.AddMinutes(10));
        var third = Session("alice", createdAt: now.AddSeconds(-1));
        var fourth = Session("alice");
        await Store.CreateAsync(first, maxSessionsPerUser: 3);
        await Store.CreateAsync(second, maxSessionsPerUser: 3);
        await Store.CreateAsync(third, maxSessionsPerUser: 3);
        Assert.Equal([first.SessionId, second.SessionId, third.SessionId], await _database.QueryAsync(SessionIds));

        await Store.CreateAsync(fourth, maxSessionsPerUser: 3);
        Assert.Equal([second.SessionId, third.SessionId, fourth.SessionId], await _database.QueryAsync(SessionIds));

        await Store.RemoveAsync(third.SessionId);
        Assert.Equal([second.SessionId, fourth.SessionId], await _database.QueryAsync(SessionIds));

        Time.Advance(TimeSpan.FromMinutes(10));
        await Store.RemoveExpiredAsync();
        Assert.Equal([fourth.SessionId], await _database.QueryAsync(SessionIds));

        await Store.RemoveAllAsync("alice");
        Assert.Empty(await _database.QueryAsync(SessionIds));
    }

    [Fact]
    public async Task The_cleanup_deletes_the_credential_changes_a_day_old_and_keeps_the_younger_ones()
    {
        var change = Time.GetUtcNow();
        await Store.SetCredentialsValidFromAsync("alice", change);
        Time.Advance(TimeSpan.FromHours(12));
        await Store.SetCredentialsValidFromAsync("bob", Time.GetUtcNow());
        Assert.Equal(["alice", "bob"], await _database.QueryAsync(ChangedAuthIds));
        Time.Advance(TimeSpan.FromHours(12));

        Assert.Equal(0, await Store.RemoveExpiredAsync());

        Assert.Equal(["bob"], await _database.QueryAsync(ChangedAuthIds));

        // Only to show the time is gone: no login takes a day between its credential check and its session.
        var stale = Session("alice", createdAt: change.AddMilliseconds(-1));
        Assert.Empty(await Store.CreateAsync(stale, maxSessionsPerUser: 1));
    }

    [Fact]
    public async Task A_transaction_as_the_store_begins_it_takes_the_SQLite_write_lock_at_once()
    {
        // The store's atomicity across servers rests on this: Microsoft.Data.Sqlite begins a serializable transaction
        // with BEGIN IMMEDIATE, so a second writer waits for the first from its very start.
        var options = new DbContextOptionsBuilder<AuthSessionDbContext>().UseSqlite(_database.ConnectionString).Options;
        await using var context = new AuthSessionDbContext(options);
        await using var otherWriter = new SqliteConnection(_database.ConnectionString + ";Default Timeout=1");
        await otherWriter.OpenAsync();
        await using var begin = otherWriter.CreateCommand();
        begin.CommandText = "BEGIN IMMEDIATE; ROLLBACK;";

        await using (await context.Database.BeginTransactionAsync(IsolationLevel.Serializable))
        {
            var busy = await Assert.ThrowsAsync<SqliteException>(() => begin.ExecuteNonQueryAsync());
            Assert.Equal(SqliteBusy, busy.SqliteErrorCode);
        }

        // The same probe goes through once the transaction has ended: it tells the two apart.
        await begin.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task A_credentials_change_racing_logins_on_two_servers_leaves_no_session_authenticated_before_it()
    {
        await using var otherServer = AppServices.WithReadyContext(_database, Time);
        var servers = new[] { Store, otherServer.Store };
        await RaceLoginsWithACredentialsChangeAsync(servers);

        Assert.Empty(await _database.QueryAsync(SessionIds));
    }
}
