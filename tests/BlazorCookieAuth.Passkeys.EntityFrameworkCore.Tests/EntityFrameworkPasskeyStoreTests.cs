using System.Security.Cryptography;
using BlazorCookieAuth.EntityFrameworkCore.Tests.TestHost;
using BlazorCookieAuth.Passkeys.EntityFrameworkCore.Tests.TestHost;
using BlazorCookieAuth.Passkeys.Tests;

namespace BlazorCookieAuth.Passkeys.EntityFrameworkCore.Tests;

/// <summary>
/// The passkey store contract against the ready context on a SQLite file, and races between two servers: each call on
/// a thread of its own, since Microsoft.Data.Sqlite's calls complete synchronously and would otherwise run in turn.
/// </summary>
public sealed class EntityFrameworkPasskeyStoreTests : PasskeyStoreContract, IDisposable
{
    private const string CredentialIds = "SELECT hex(CredentialId) FROM BlazorCookieAuthPasskeys ORDER BY CreatedAt";

    private readonly SqliteFile _database = new();
    private readonly List<PasskeyStoreServices> _servers = [];

    protected override async Task<IPasskeyStore> CreateStoreAsync() => (await StartServerAsync()).Store;

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        foreach (var server in _servers)
        {
            await server.DisposeAsync();
        }
    }

    // xunit calls it after DisposeAsync, once the servers have let go of the file.
    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task The_table_holds_one_row_per_passkey_and_loses_it_when_the_passkey_is_removed()
    {
        var first = Passkey("alice");
        var second = Passkey("bob") with { CreatedAt = first.CreatedAt.AddMinutes(1) };
        await Store.AddAsync(first);
        await Store.AddAsync(second);
        Assert.Equal([Convert.ToHexString(first.CredentialId), Convert.ToHexString(second.CredentialId)], await _database.QueryAsync(CredentialIds));

        await Store.RemoveAsync("alice", first.CredentialId);

        Assert.Equal([Convert.ToHexString(second.CredentialId)], await _database.QueryAsync(CredentialIds));
    }

    [Fact]
    public async Task Two_servers_signing_in_with_one_counter_at_once_record_one_sign_in()
    {
        var other = (await StartServerAsync()).Store;
        var passkey = Passkey("alice") with { SignCount = 5 };
        await Store.AddAsync(passkey);

        var recorded = await Task.WhenAll(Enumerable.Range(6, 16).Select(count =>
            Task.Run(() => (count % 2 == 0 ? Store : other).RecordSignInAsync(passkey.CredentialId, 5, (uint)count, false, DateTimeOffset.UnixEpoch.AddDays(count)))));

        Assert.Single(recorded, r => r);
        var kept = await other.FindAsync(passkey.CredentialId);
        var winner = Enumerable.Range(6, 16).Single(count => recorded[count - 6]);
        Assert.Equal((uint)winner, kept!.SignCount);
        Assert.Equal(DateTimeOffset.UnixEpoch.AddDays(winner), kept.LastUsedAt);
    }

    [Fact]
    public async Task Two_servers_asking_for_a_new_users_handle_at_once_agree_on_one()
    {
        var other = (await StartServerAsync()).Store;

        var handles = await Task.WhenAll(Enumerable.Range(0, 16).Select(i =>
            Task.Run(() => (i % 2 == 0 ? Store : other).GetOrAddUserHandleAsync("alice", RandomNumberGenerator.GetBytes(32)))));

        Assert.All(handles, h => Assert.Equal(handles[0], h));
        Assert.Equal(["alice"], await _database.QueryAsync("SELECT AuthId FROM BlazorCookieAuthPasskeysUserHandles"));
        Assert.Equal("alice", await other.FindAuthIdAsync(handles[0]));
    }

    [Fact]
    public async Task Two_servers_adding_one_credential_id_at_once_keep_one_passkey()
    {
        var other = (await StartServerAsync()).Store;
        var id = RandomNumberGenerator.GetBytes(32);

        var added = await Task.WhenAll(Enumerable.Range(0, 16).Select(i =>
            Task.Run(() => (i % 2 == 0 ? Store : other).AddAsync(Passkey(i % 4 < 2 ? "alice" : "bob") with { CredentialId = id.ToArray() }))));

        Assert.Single(added, a => a);
        Assert.Equal([Convert.ToHexString(id)], await _database.QueryAsync(CredentialIds));
    }

    private async Task<PasskeyStoreServices> StartServerAsync()
    {
        var server = PasskeyStoreServices.WithReadyContext(_database);
        _servers.Add(server);
        await server.CheckPasskeyTablesAsync<PasskeyDbContext>();
        return server;
    }
}
