using BlazorCookieAuth.EntityFrameworkCore.Tests.TestHost;
using BlazorCookieAuth.Tests.Sessions;
using Microsoft.Extensions.Time.Testing;

namespace BlazorCookieAuth.EntityFrameworkCore.Tests;

public sealed class EntityFrameworkSessionStoreTests : SessionStoreContract, IDisposable
{
    private const string SessionIds = "SELECT SessionId FROM BlazorCookieAuthSessions ORDER BY CreatedAt";

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
}
