using System.Security.Cryptography;
using Microsoft.AspNetCore.WebUtilities;

namespace BlazorCookieAuth.Passkeys.Tests;

/// <summary>
/// What every <see cref="IPasskeyStore"/> must do, checked through its methods alone. Linked into each store's test
/// project, where a class derives from it and hands over a fresh, empty store.
/// </summary>
public abstract class PasskeyStoreContract : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2030, 1, 1, 12, 0, 0, 123, TimeSpan.Zero);

    /// <summary>When the contract's challenges expire: later than any clock a store under test runs on.</summary>
    private static readonly DateTimeOffset ChallengeExpiry = new(2100, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private IPasskeyStore? _store;

    /// <summary>The store under test.</summary>
    protected IPasskeyStore Store => _store ?? throw new InvalidOperationException("The store is created in InitializeAsync.");

    /// <summary>Creates a fresh, empty store.</summary>
    protected abstract Task<IPasskeyStore> CreateStoreAsync();

    public async Task InitializeAsync() => _store = await CreateStoreAsync();

    /// <summary>Frees what <see cref="CreateStoreAsync"/> set up, such as a database file.</summary>
    public virtual Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Add_then_find_returns_the_same_passkey_field_by_field()
    {
        var full = Passkey("alice") with
        {
            SignCount = 7,
            LastUsedAt = Now.AddMinutes(-1),
            IsBackupEligible = true,
            IsBackedUp = true,
            Transports = ["internal", "hybrid"],
            AaGuid = Guid.Parse("ea9b8d66-4d01-1d21-3ce4-b6b48cb575d4"),
        };
        var bare = Passkey("bob");

        Assert.True(await Store.AddAsync(full));
        Assert.True(await Store.AddAsync(bare));

        AssertSame(full, await Store.FindAsync(full.CredentialId));
        AssertSame(bare, await Store.FindAsync(bare.CredentialId));
    }

    [Fact]
    public async Task A_credential_id_belongs_to_one_user()
    {
        var alices = Passkey("alice");
        Assert.True(await Store.AddAsync(alices));

        Assert.False(await Store.AddAsync(Passkey("bob") with { CredentialId = alices.CredentialId.ToArray() }));
        Assert.False(await Store.AddAsync(Passkey("alice") with { CredentialId = alices.CredentialId.ToArray(), Name = "again" }));

        AssertSame(alices, await Store.FindAsync(alices.CredentialId));
        Assert.Empty(await Store.ListAsync("bob"));
    }

    [Fact]
    public async Task Concurrent_adds_of_one_credential_id_leave_one_passkey()
    {
        var id = RandomNumberGenerator.GetBytes(32);
        // Each call on a thread of its own: a store whose calls complete synchronously would otherwise run them in turn.
        var adds = Enumerable.Range(0, 16).Select(i => Task.Run(() => Store.AddAsync(Passkey(i % 2 == 0 ? "alice" : "bob") with { CredentialId = id.ToArray(), Name = $"key {i}" })));

        var added = await Task.WhenAll(adds);

        Assert.Single(added, a => a);
        var kept = await Store.FindAsync(id);
        Assert.NotNull(kept);
        Assert.Single(await Store.ListAsync(kept.AuthId));
    }

    [Fact]
    public async Task Find_returns_nothing_for_an_unknown_credential_id()
    {
        await Store.AddAsync(Passkey("alice"));

        Assert.Null(await Store.FindAsync(RandomNumberGenerator.GetBytes(32)));
    }

    [Fact]
    public async Task List_gives_the_users_own_passkeys_oldest_first()
    {
        var second = Passkey("alice") with { CreatedAt = Now.AddDays(-1), Name = "second" };
        var first = Passkey("alice") with { CreatedAt = Now.AddDays(-2), Name = "first" };
        var third = Passkey("alice") with { CreatedAt = Now, Name = "third" };
        await Store.AddAsync(second);
        await Store.AddAsync(Passkey("bob"));
        await Store.AddAsync(first);
        await Store.AddAsync(third);

        var list = await Store.ListAsync("alice");

        Assert.Equal(["first", "second", "third"], list.Select(p => p.Name));
        Assert.All(list, p => Assert.Equal("alice", p.AuthId));
        Assert.Empty(await Store.ListAsync("carol"));
    }

    [Fact]
    public async Task A_sign_in_is_recorded_while_the_counter_is_the_one_it_was_checked_against()
    {
        var passkey = Passkey("alice") with { SignCount = 5 };
        await Store.AddAsync(passkey);

        Assert.True(await Store.RecordSignInAsync(passkey.CredentialId, expectedSignCount: 5, signCount: 6, isBackedUp: true, usedAt: Now));

        var recorded = await Store.FindAsync(passkey.CredentialId);
        AssertSame(passkey with { SignCount = 6, IsBackedUp = true, LastUsedAt = Now }, recorded);
    }

    [Fact]
    public async Task A_sign_in_checked_against_a_counter_that_moved_meanwhile_is_not_recorded()
    {
        var passkey = Passkey("alice") with { SignCount = 5 };
        await Store.AddAsync(passkey);
        Assert.True(await Store.RecordSignInAsync(passkey.CredentialId, 5, 6, false, Now));

        Assert.False(await Store.RecordSignInAsync(passkey.CredentialId, 5, 7, false, Now.AddSeconds(1)));

        var recorded = await Store.FindAsync(passkey.CredentialId);
        Assert.Equal(6u, recorded!.SignCount);
        Assert.Equal(Now, recorded.LastUsedAt);
    }

    [Fact]
    public async Task Concurrent_sign_ins_from_one_counter_record_one()
    {
        var passkey = Passkey("alice") with { SignCount = 5 };
        await Store.AddAsync(passkey);

        var recorded = await Task.WhenAll(Enumerable.Range(6, 16).Select(count =>
            Task.Run(() => Store.RecordSignInAsync(passkey.CredentialId, 5, (uint)count, false, Now))));

        Assert.Single(recorded, r => r);
    }

    [Fact]
    public async Task Sign_ins_of_a_passkey_that_doesnt_count_stay_at_zero()
    {
        var passkey = Passkey("alice") with { SignCount = 0 };
        await Store.AddAsync(passkey);

        Assert.True(await Store.RecordSignInAsync(passkey.CredentialId, 0, 0, true, Now));
        Assert.True(await Store.RecordSignInAsync(passkey.CredentialId, 0, 0, true, Now.AddMinutes(1)));

        Assert.Equal(Now.AddMinutes(1), (await Store.FindAsync(passkey.CredentialId))!.LastUsedAt);
    }

    [Fact]
    public async Task A_sign_in_of_a_removed_passkey_is_not_recorded()
    {
        var passkey = Passkey("alice");
        await Store.AddAsync(passkey);
        Assert.True(await Store.RemoveAsync("alice", passkey.CredentialId));

        Assert.False(await Store.RecordSignInAsync(passkey.CredentialId, 0, 1, false, Now));
        Assert.Null(await Store.FindAsync(passkey.CredentialId));
    }

    [Fact]
    public async Task Rename_changes_only_the_name_of_the_owners_passkey()
    {
        var passkey = Passkey("alice") with { SignCount = 3 };
        await Store.AddAsync(passkey);

        Assert.False(await Store.RenameAsync("bob", passkey.CredentialId, "bob's now"));
        Assert.True(await Store.RenameAsync("alice", passkey.CredentialId, "Work laptop"));
        Assert.False(await Store.RenameAsync("alice", RandomNumberGenerator.GetBytes(32), "nothing"));

        AssertSame(passkey with { Name = "Work laptop" }, await Store.FindAsync(passkey.CredentialId));
    }

    [Fact]
    public async Task Remove_takes_only_the_owners_passkey()
    {
        var alices = Passkey("alice");
        var other = Passkey("alice");
        await Store.AddAsync(alices);
        await Store.AddAsync(other);

        Assert.False(await Store.RemoveAsync("bob", alices.CredentialId));
        Assert.NotNull(await Store.FindAsync(alices.CredentialId));

        Assert.True(await Store.RemoveAsync("alice", alices.CredentialId));
        Assert.False(await Store.RemoveAsync("alice", alices.CredentialId));

        Assert.Null(await Store.FindAsync(alices.CredentialId));
        AssertSame(other, Assert.Single(await Store.ListAsync("alice")));
    }

    [Fact]
    public async Task A_removed_credential_id_can_be_registered_again()
    {
        var passkey = Passkey("alice");
        await Store.AddAsync(passkey);
        await Store.RemoveAsync("alice", passkey.CredentialId);

        Assert.True(await Store.AddAsync(passkey with { Name = "again" }));
    }

    [Fact]
    public async Task A_user_keeps_the_first_user_handle_given()
    {
        var first = RandomNumberGenerator.GetBytes(32);

        Assert.Equal(first, await Store.GetOrAddUserHandleAsync("alice", first));
        Assert.Equal(first, await Store.GetOrAddUserHandleAsync("alice", RandomNumberGenerator.GetBytes(32)));
    }

    [Fact]
    public async Task Concurrent_first_requests_for_a_handle_agree_on_one()
    {
        var handles = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ =>
            Task.Run(() => Store.GetOrAddUserHandleAsync("alice", RandomNumberGenerator.GetBytes(32)))));

        Assert.All(handles, h => Assert.Equal(handles[0], h));
        Assert.Equal("alice", await Store.FindAuthIdAsync(handles[0]));
    }

    [Fact]
    public async Task A_user_handle_leads_back_to_its_user_only()
    {
        var alices = await Store.GetOrAddUserHandleAsync("alice", RandomNumberGenerator.GetBytes(32));
        var bobs = await Store.GetOrAddUserHandleAsync("bob", RandomNumberGenerator.GetBytes(32));

        Assert.NotEqual(alices, bobs);
        Assert.Equal("alice", await Store.FindAuthIdAsync(alices));
        Assert.Equal("bob", await Store.FindAuthIdAsync(bobs));
        Assert.Null(await Store.FindAuthIdAsync(RandomNumberGenerator.GetBytes(32)));
    }

    [Fact]
    public async Task Changing_an_array_after_adding_or_finding_changes_nothing_stored()
    {
        var passkey = Passkey("alice");
        var id = passkey.CredentialId.ToArray();
        var key = passkey.PublicKey.ToArray();
        await Store.AddAsync(passkey);
        passkey.PublicKey[0] ^= 0xFF;

        var found = await Store.FindAsync(id);
        found!.PublicKey[1] ^= 0xFF;

        Assert.Equal(key, (await Store.FindAsync(id))!.PublicKey);
    }

    [Fact]
    public async Task The_longest_credential_id_and_user_handle_WebAuthn_allows_are_kept()
    {
        var passkey = Passkey("alice") with { CredentialId = RandomNumberGenerator.GetBytes(1023), Name = new string('n', StoredPasskey.MaxNameLength) };
        var handle = RandomNumberGenerator.GetBytes(64);

        Assert.True(await Store.AddAsync(passkey));
        Assert.Equal(handle, await Store.GetOrAddUserHandleAsync("alice", handle));

        AssertSame(passkey, await Store.FindAsync(passkey.CredentialId));
        Assert.Equal("alice", await Store.FindAuthIdAsync(handle));
    }

    [Fact]
    public async Task Credential_ids_that_begin_alike_are_different_passkeys()
    {
        var shorter = Passkey("alice") with { CredentialId = [1, 2, 3], Name = "shorter" };
        var longer = Passkey("bob") with { CredentialId = [1, 2, 3, 0], Name = "longer" };

        Assert.True(await Store.AddAsync(shorter));
        Assert.True(await Store.AddAsync(longer));

        AssertSame(shorter, await Store.FindAsync([1, 2, 3]));
        AssertSame(longer, await Store.FindAsync([1, 2, 3, 0]));
        Assert.Null(await Store.FindAsync([1, 2]));
        Assert.False(await Store.RemoveAsync("alice", [1, 2, 3, 0]));
    }

    [Fact]
    public async Task A_user_keeps_their_handle_after_removing_every_passkey()
    {
        var handle = await Store.GetOrAddUserHandleAsync("alice", RandomNumberGenerator.GetBytes(32));
        var passkey = Passkey("alice");
        await Store.AddAsync(passkey);

        Assert.True(await Store.RemoveAsync("alice", passkey.CredentialId));

        Assert.Equal(handle, await Store.GetOrAddUserHandleAsync("alice", RandomNumberGenerator.GetBytes(32)));
        Assert.Equal("alice", await Store.FindAuthIdAsync(handle));
    }

    /// <summary>A passkey of <paramref name="authId"/> with a new random credential id and key bytes.</summary>
    [Fact]
    public async Task A_challenge_is_used_once()
    {
        var first = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(16));
        var second = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(16));

        Assert.True(await Store.TryUseChallengeAsync(first, ChallengeExpiry));
        Assert.False(await Store.TryUseChallengeAsync(first, ChallengeExpiry));
        Assert.True(await Store.TryUseChallengeAsync(second, ChallengeExpiry));
        Assert.False(await Store.TryUseChallengeAsync(second, ChallengeExpiry));
        Assert.False(await Store.TryUseChallengeAsync(first, ChallengeExpiry));
    }

    [Fact]
    public async Task Of_uses_of_one_challenge_racing_one_wins()
    {
        var id = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(16));

        // Each on a thread of its own, so that stores whose calls complete synchronously race too.
        var uses = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() => Store.TryUseChallengeAsync(id, ChallengeExpiry))));

        Assert.Single(uses, used => used);
    }

    protected static StoredPasskey Passkey(string authId) => new()
    {
        CredentialId = RandomNumberGenerator.GetBytes(32),
        AuthId = authId,
        PublicKey = RandomNumberGenerator.GetBytes(77),
        Name = "Passkey of " + authId,
        CreatedAt = Now.AddHours(-1),
    };

    /// <summary>Compares two passkeys field by field, arrays and lists by their contents.</summary>
    protected static void AssertSame(StoredPasskey expected, StoredPasskey? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected.CredentialId, actual.CredentialId);
        Assert.Equal(expected.PublicKey, actual.PublicKey);
        Assert.Equal(expected.Transports, actual.Transports);
        Assert.Equal(expected, actual with { CredentialId = expected.CredentialId, PublicKey = expected.PublicKey, Transports = expected.Transports });
    }
}
