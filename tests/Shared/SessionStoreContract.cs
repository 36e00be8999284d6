using Microsoft.Extensions.Time.Testing;

namespace BlazorCookieAuth.Tests.Sessions;

/// <summary>
/// What every <see cref="IAuthSessionStore"/> must do, checked through its methods alone. Linked into each store's
/// test project, where a class derives from it and hands over a fresh, empty store on the clock these tests move.
/// </summary>
public abstract class SessionStoreContract : IAsyncLifetime
{
    private const int NoCap = 100;

    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    private IAuthSessionStore? _store;

    /// <summary>
    /// The clock the store reads. The kit's times are whole milliseconds; this one starts 123 ms past a second, so a
    /// store that keeps less than milliseconds shows up.
    /// </summary>
    protected FakeTimeProvider Time { get; } = new(new DateTimeOffset(2030, 1, 1, 12, 0, 0, 123, TimeSpan.Zero));

    /// <summary>The store under test.</summary>
    protected IAuthSessionStore Store => _store ?? throw new InvalidOperationException("The store is created in InitializeAsync.");

    /// <summary>Creates a fresh, empty store that reads <paramref name="timeProvider"/>.</summary>
    protected abstract Task<IAuthSessionStore> CreateStoreAsync(FakeTimeProvider timeProvider);

    public async Task InitializeAsync() => _store = await CreateStoreAsync(Time);

    /// <summary>Frees what <see cref="CreateStoreAsync"/> set up, such as a database file.</summary>
    public virtual Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Create_then_find_returns_the_same_session_field_by_field()
    {
        var now = Time.GetUtcNow();
        var full = new AuthSessionRecord
        {
            SessionId = NewSessionId(),
            AuthId = "alice",
            CreatedAt = now.AddMinutes(-3),
            AuthenticatedAt = now.AddMinutes(-2),
            LastSeenAt = now.AddMinutes(-1),
            ExpiresAt = now.AddDays(30),
            MaxExpiresAt = now.AddDays(40),
            IsPersistent = true,
            IdleTimeout = TimeSpan.FromMinutes(20),
            Client = "Firefox on Windows",
            Data = "stamp-7",
            Credential = "passkey:" + new string('k', AuthSessionRecord.MaxCredentialLength - "passkey:".Length),
        };
        var bare = Session("bob");

        Assert.Empty(await Store.CreateAsync(full, NoCap));
        Assert.Empty(await Store.CreateAsync(bare, NoCap));

        Assert.Equal(full, await Store.FindAsync(full.SessionId));
        Assert.Equal(bare, await Store.FindAsync(bare.SessionId));
    }

    [Fact]
    public async Task The_credential_that_started_a_session_is_kept_through_find_list_and_update()
    {
        var password = Session("alice");
        var passkey = Session("alice", createdAt: password.CreatedAt.AddSeconds(1)) with { Credential = "passkey:3q2-7w" };
        await Store.CreateAsync(password, NoCap);
        await Store.CreateAsync(passkey, NoCap);

        Assert.Equal([null, "passkey:3q2-7w"], (await Store.ListAsync("alice")).Select(s => s.Credential));
        Assert.Equal("passkey:3q2-7w", (await Store.FindAsync(passkey.SessionId))!.Credential);
        Assert.Null((await Store.FindAsync(password.SessionId))!.Credential);

        Time.Advance(TimeSpan.FromMinutes(5));
        var renewed = passkey with { LastSeenAt = Time.GetUtcNow(), ExpiresAt = Time.GetUtcNow() + Lifetime };
        Assert.True(await Store.UpdateAsync(renewed));

        Assert.Equal(renewed, await Store.FindAsync(passkey.SessionId));
        Assert.Equal([password, renewed], await Store.ListAsync("alice"));
    }

    [Fact]
    public async Task Find_of_an_unknown_id_is_null()
    {
        await Store.CreateAsync(Session("alice"), NoCap);

        Assert.Null(await Store.FindAsync(NewSessionId()));
    }

    [Fact]
    public async Task A_touch_is_seen_by_find_and_list()
    {
        var session = Session("alice");
        await Store.CreateAsync(session, NoCap);
        Time.Advance(TimeSpan.FromMinutes(5));
        var touched = session with { LastSeenAt = Time.GetUtcNow() };

        Assert.True(await Store.UpdateAsync(touched));

        Assert.Equal(touched, await Store.FindAsync(session.SessionId));
        Assert.Equal([touched], await Store.ListAsync("alice"));
    }

    [Fact]
    public async Task An_update_never_brings_back_a_removed_session()
    {
        var session = Session("alice");
        await Store.CreateAsync(session, NoCap);
        await Store.RemoveAsync(session.SessionId);

        Assert.False(await Store.UpdateAsync(session with { LastSeenAt = Time.GetUtcNow().AddSeconds(1) }));

        Assert.Null(await Store.FindAsync(session.SessionId));
        Assert.Empty(await Store.ListAsync("alice"));
    }

    [Fact]
    public async Task An_update_of_an_expired_session_is_refused()
    {
        var session = Session("alice");
        await Store.CreateAsync(session, NoCap);
        Time.Advance(Lifetime);
        var now = Time.GetUtcNow();

        Assert.False(await Store.UpdateAsync(session with { LastSeenAt = now, ExpiresAt = now + Lifetime }));

        Assert.Null(await Store.FindAsync(session.SessionId));
    }

    [Fact]
    public async Task Remove_ends_one_session_and_leaves_the_users_others()
    {
        var laptop = Session("alice");
        var phone = Session("alice", createdAt: laptop.CreatedAt.AddSeconds(1));
        await Store.CreateAsync(laptop, NoCap);
        await Store.CreateAsync(phone, NoCap);

        Assert.True(await Store.RemoveAsync(laptop.SessionId));

        Assert.Null(await Store.FindAsync(laptop.SessionId));
        Assert.False(await Store.RemoveAsync(laptop.SessionId));
        Assert.Equal(phone, await Store.FindAsync(phone.SessionId));
        Assert.Equal([phone], await Store.ListAsync("alice"));
    }

    [Fact]
    public async Task Remove_all_removes_exactly_that_users_sessions()
    {
        var now = Time.GetUtcNow();
        var alices = new[] { Session("alice", createdAt: now.AddSeconds(-2)), Session("alice", createdAt: now.AddSeconds(-1)) };
        var bobs = Session("bob");
        foreach (var session in alices.Append(bobs))
        {
            await Store.CreateAsync(session, NoCap);
        }

        var removed = await Store.RemoveAllAsync("alice");

        Assert.Equal(alices.Select(s => s.SessionId).Order(StringComparer.Ordinal), removed.Order(StringComparer.Ordinal));
        Assert.Empty(await Store.ListAsync("alice"));
        Assert.Null(await Store.FindAsync(alices[0].SessionId));
        Assert.Equal(bobs, await Store.FindAsync(bobs.SessionId));
        Assert.Equal([bobs], await Store.ListAsync("bob"));
        Assert.Empty(await Store.RemoveAllAsync("nobody"));
    }

    [Fact]
    public async Task List_holds_only_the_users_live_sessions_oldest_first()
    {
        var now = Time.GetUtcNow();
        var oldest = Session("alice", createdAt: now.AddMinutes(-3));
        var middle = Session("alice", createdAt: now.AddMinutes(-2));
        var newest = Session("alice", createdAt: now.AddMinutes(-1));
        var expiring = Session("alice", createdAt: now.AddMinutes(-4), expiresAt: now.AddMinutes(10));

        // Created out of order, so the list must sort rather than keep the order of creation.
        foreach (var session in new[] { newest, expiring, oldest, Session("bob"), middle })
        {
            await Store.CreateAsync(session, NoCap);
        }

        Assert.Equal([expiring, oldest, middle, newest], await Store.ListAsync("alice"));
        Time.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal([oldest, middle, newest], await Store.ListAsync("alice"));
        Assert.Empty(await Store.ListAsync("nobody"));
    }

    [Fact]
    public async Task A_session_is_found_until_it_expires_and_not_from_then_on()
    {
        var session = Session("alice");
        await Store.CreateAsync(session, NoCap);

        Time.Advance(Lifetime - TimeSpan.FromMilliseconds(1));
        Assert.Equal(session, await Store.FindAsync(session.SessionId));
        Assert.Equal([session], await Store.ListAsync("alice"));

        Time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Null(await Store.FindAsync(session.SessionId));
        Assert.Empty(await Store.ListAsync("alice"));

        Time.Advance(TimeSpan.FromDays(1));
        Assert.Null(await Store.FindAsync(session.SessionId));
    }

    [Fact]
    public async Task A_session_left_unseen_for_its_idle_timeout_ends()
    {
        var session = Session("alice", idleTimeout: TimeSpan.FromMinutes(20));
        await Store.CreateAsync(session, NoCap);

        Time.Advance(TimeSpan.FromMinutes(20) - TimeSpan.FromMilliseconds(1));
        Assert.Equal(session, await Store.FindAsync(session.SessionId));

        Time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Null(await Store.FindAsync(session.SessionId));
        Assert.Empty(await Store.ListAsync("alice"));
    }

    [Fact]
    public async Task A_session_touched_in_time_stays_live_past_its_first_idle_end()
    {
        var session = Session("alice", idleTimeout: TimeSpan.FromMinutes(20));
        await Store.CreateAsync(session, NoCap);
        Time.Advance(TimeSpan.FromMinutes(15));
        var touched = session with { LastSeenAt = Time.GetUtcNow() };
        Assert.True(await Store.UpdateAsync(touched));

        Time.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(touched, await Store.FindAsync(session.SessionId));
        Assert.Equal([touched], await Store.ListAsync("alice"));

        Time.Advance(TimeSpan.FromMinutes(10));
        Assert.Null(await Store.FindAsync(session.SessionId));
    }

    [Fact]
    public async Task Creating_beyond_the_cap_removes_the_oldest_sessions_oldest_first()
    {
        var now = Time.GetUtcNow();
        var sessions = Enumerable.Range(1, 5).Select(i => Session("alice", createdAt: now.AddSeconds(i))).ToArray();
        var bobs = Session("bob");
        await Store.CreateAsync(bobs, NoCap);
        foreach (var session in sessions[..3])
        {
            Assert.Empty(await Store.CreateAsync(session, maxSessionsPerUser: 3));
        }

        Assert.Equal([sessions[0].SessionId], await Store.CreateAsync(sessions[3], maxSessionsPerUser: 3));
        Assert.Equal([sessions[1].SessionId, sessions[2].SessionId], await Store.CreateAsync(sessions[4], maxSessionsPerUser: 2));

        Assert.Equal(sessions[3..], await Store.ListAsync("alice"));
        foreach (var removed in sessions[..3])
        {
            Assert.Null(await Store.FindAsync(removed.SessionId));
        }

        Assert.Equal(bobs, await Store.FindAsync(bobs.SessionId));
    }

    [Fact]
    public async Task Only_live_sessions_count_toward_the_cap()
    {
        var now = Time.GetUtcNow();
        var expired = Session("alice", createdAt: now.AddSeconds(-3), expiresAt: now.AddMinutes(5));
        var idle = Session("alice", createdAt: now.AddSeconds(-2), idleTimeout: TimeSpan.FromMinutes(5));
        var live = Session("alice", createdAt: now.AddSeconds(-1));
        await Store.CreateAsync(expired, maxSessionsPerUser: 3);
        await Store.CreateAsync(idle, maxSessionsPerUser: 3);
        await Store.CreateAsync(live, maxSessionsPerUser: 3);
        Time.Advance(TimeSpan.FromMinutes(5));
        var latest = Session("alice");

        Assert.Empty(await Store.CreateAsync(latest, maxSessionsPerUser: 2));

        Assert.Equal([live, latest], await Store.ListAsync("alice"));
    }

    [Fact]
    public async Task Cleanup_removes_the_ended_sessions_counts_them_and_leaves_live_ones()
    {
        var expired = Session("alice", expiresAt: Time.GetUtcNow().AddMinutes(8));
        var idle = Session("alice", idleTimeout: TimeSpan.FromMinutes(5));
        var touched = Session("alice", idleTimeout: TimeSpan.FromMinutes(5));
        var live = Session("bob");
        foreach (var session in new[] { expired, idle, touched, live })
        {
            await Store.CreateAsync(session, NoCap);
        }

        Assert.Equal(0, await Store.RemoveExpiredAsync());
        Time.Advance(TimeSpan.FromMinutes(4));
        Assert.True(await Store.UpdateAsync(touched with { LastSeenAt = Time.GetUtcNow() }));
        Time.Advance(TimeSpan.FromMinutes(4));

        Assert.Equal(2, await Store.RemoveExpiredAsync());

        // Removed, not only hidden: nothing is left to remove.
        Assert.False(await Store.RemoveAsync(expired.SessionId));
        Assert.False(await Store.RemoveAsync(idle.SessionId));
        Assert.Equal(0, await Store.RemoveExpiredAsync());
        Assert.NotNull(await Store.FindAsync(touched.SessionId));
        Assert.Equal(live, await Store.FindAsync(live.SessionId));
    }

    [Fact]
    public async Task A_session_started_at_the_cap_in_the_same_millisecond_as_an_older_one_stays_and_the_older_one_ends()
    {
        // Logins within one millisecond tie on their creation time; the one being started must never push itself out.
        for (var i = 0; i < 20; i++)
        {
            var older = Session("user-" + i);
            var newer = Session("user-" + i);
            Assert.Empty(await Store.CreateAsync(older, maxSessionsPerUser: 1));

            Assert.Equal([older.SessionId], await Store.CreateAsync(newer, maxSessionsPerUser: 1));
            Assert.Equal(newer, await Store.FindAsync(newer.SessionId));
        }
    }

    [Fact]
    public async Task Parallel_creates_for_one_user_keep_the_cap_and_report_every_removed_session_once()
    {
        const int Cap = 10;
        var now = Time.GetUtcNow();
        var sessions = Enumerable.Range(0, 40).Select(i => Session("alice", createdAt: now.AddSeconds(i - 40))).ToArray();

        var removed = await Task.WhenAll(sessions.Select(s => Task.Run(() => Store.CreateAsync(s, Cap))));

        var kept = await Store.ListAsync("alice");
        Assert.Equal(Cap, kept.Count);

        // Every session is either kept or reported removed, by one create only, so its end is announced once;
        // and no create removed the session it was creating.
        Assert.Equal(
            sessions.Select(s => s.SessionId).Order(StringComparer.Ordinal),
            kept.Select(s => s.SessionId).Concat(removed.SelectMany(ids => ids)).Order(StringComparer.Ordinal));
        Assert.All(sessions.Zip(removed), pair => Assert.DoesNotContain(pair.First.SessionId, pair.Second));
    }

    [Fact]
    public async Task A_credentials_change_removes_exactly_the_users_sessions_authenticated_before_it_and_returns_their_ids()
    {
        var change = Time.GetUtcNow();
        var older = new[] { Session("alice", createdAt: change.AddMinutes(-2)), Session("alice", createdAt: change.AddMilliseconds(-1)) };
        var atTheChange = Session("alice", createdAt: change);
        var later = Session("alice", createdAt: change.AddMilliseconds(1));
        var bobs = Session("bob", createdAt: change.AddMinutes(-2));
        foreach (var session in older.Append(atTheChange).Append(later).Append(bobs))
        {
            await Store.CreateAsync(session, NoCap);
        }

        var removed = await Store.SetCredentialsValidFromAsync("alice", change);

        Assert.Equal(older.Select(s => s.SessionId).Order(StringComparer.Ordinal), removed.Order(StringComparer.Ordinal));
        Assert.Equal([atTheChange, later], await Store.ListAsync("alice"));
        Assert.Null(await Store.FindAsync(older[0].SessionId));
        Assert.False(await Store.RemoveAsync(older[1].SessionId));
        Assert.Equal(bobs, await Store.FindAsync(bobs.SessionId));
        Assert.Empty(await Store.SetCredentialsValidFromAsync("alice", change));
        Assert.Empty(await Store.SetCredentialsValidFromAsync("nobody", change));
    }

    [Fact]
    public async Task A_session_whose_credentials_were_checked_before_the_change_is_refused_and_leaves_nothing_behind()
    {
        var change = Time.GetUtcNow();
        var kept = Session("alice", createdAt: change);
        await Store.CreateAsync(kept, NoCap);
        await Store.SetCredentialsValidFromAsync("alice", change);
        var stale = Session("alice", createdAt: change.AddMilliseconds(-1));

        // At the cap, so a create that went ahead would also push the kept session out.
        await Assert.ThrowsAsync<CredentialsChangedException>(() => Store.CreateAsync(stale, maxSessionsPerUser: 1));

        Assert.Null(await Store.FindAsync(stale.SessionId));
        Assert.False(await Store.RemoveAsync(stale.SessionId));
        Assert.Equal([kept], await Store.ListAsync("alice"));
    }

    [Fact]
    public async Task A_session_whose_credentials_were_checked_at_or_after_the_change_is_created()
    {
        var change = Time.GetUtcNow();
        await Store.SetCredentialsValidFromAsync("alice", change);
        var atTheChange = Session("alice", createdAt: change);
        var later = Session("alice", createdAt: change.AddSeconds(1));

        Assert.Empty(await Store.CreateAsync(atTheChange, NoCap));
        Assert.Empty(await Store.CreateAsync(later, NoCap));

        Assert.Equal([atTheChange, later], await Store.ListAsync("alice"));
    }

    [Fact]
    public async Task The_credentials_valid_from_time_never_moves_back()
    {
        var change = Time.GetUtcNow();
        await Store.SetCredentialsValidFromAsync("alice", change);
        var afterTheChange = Session("alice", createdAt: change.AddSeconds(1));
        await Store.CreateAsync(afterTheChange, NoCap);

        Assert.Empty(await Store.SetCredentialsValidFromAsync("alice", change.AddHours(-1)));

        await Assert.ThrowsAsync<CredentialsChangedException>(() => Store.CreateAsync(Session("alice", createdAt: change.AddMilliseconds(-1)), NoCap));
        Assert.Equal([afterTheChange], await Store.ListAsync("alice"));
    }

    [Fact]
    public async Task A_credentials_change_leaves_other_users_logins_alone()
    {
        var change = Time.GetUtcNow();
        await Store.SetCredentialsValidFromAsync("alice", change);
        var bobs = Session("bob", createdAt: change.AddMinutes(-1));

        Assert.Empty(await Store.CreateAsync(bobs, NoCap));

        Assert.Equal([bobs], await Store.ListAsync("bob"));
    }

    [Fact]
    public async Task A_credentials_change_still_refuses_older_logins_after_a_cleanup_within_the_day()
    {
        var change = Time.GetUtcNow();
        await Store.SetCredentialsValidFromAsync("alice", change);
        Time.Advance(TimeSpan.FromDays(1) - TimeSpan.FromMinutes(1));

        // The credentials-valid-from time is no session: the cleanup doesn't count it.
        Assert.Equal(0, await Store.RemoveExpiredAsync());

        await Assert.ThrowsAsync<CredentialsChangedException>(() => Store.CreateAsync(Session("alice", createdAt: change.AddMilliseconds(-1)), NoCap));
        Assert.Empty(await Store.ListAsync("alice"));
    }

    /// <summary>A session as the kit starts one: created, seen and authenticated at once, by default now, for an hour.</summary>
    /// <summary>
    /// 100 logins of alice that checked the credentials before a change, created on <paramref name="servers"/> in turn
    /// while the last server records the change. Each login must be refused or ended by the change: the ids the change
    /// removed are exactly those of the logins created, and at least one was.
    /// </summary>
    /// <returns>The logins, for the store's own checks that nothing of them is left.</returns>
    protected async Task<AuthSessionRecord[]> RaceLoginsWithACredentialsChangeAsync(IReadOnlyList<IAuthSessionStore> servers)
    {
        var change = Time.GetUtcNow();
        var logins = Enumerable.Range(1, 100).Select(i => Session("alice", createdAt: change.AddMilliseconds(-i))).ToArray();
        var creates = logins.Select((login, i) => Task.Run(async () =>
        {
            try
            {
                await servers[i % servers.Count].CreateAsync(login, maxSessionsPerUser: logins.Length);
                return true;
            }
            catch (CredentialsChangedException)
            {
                return false;
            }
        })).ToArray();
        await Task.WhenAny(creates);

        var removed = await servers[^1].SetCredentialsValidFromAsync("alice", change);
        var created = await Task.WhenAll(creates);

        Assert.NotEmpty(removed);
        Assert.Equal(
            logins.Where((_, i) => created[i]).Select(login => login.SessionId).Order(StringComparer.Ordinal),
            removed.Order(StringComparer.Ordinal));
        return logins;
    }

    protected AuthSessionRecord Session(
        string authId,
        DateTimeOffset? createdAt = null,
        DateTimeOffset? expiresAt = null,
        TimeSpan? idleTimeout = null)
    {
        var created = createdAt ?? Time.GetUtcNow();
        return new AuthSessionRecord
        {
            SessionId = NewSessionId(),
            AuthId = authId,
            CreatedAt = created,
            LastSeenAt = created,
            AuthenticatedAt = created,
            ExpiresAt = expiresAt ?? Time.GetUtcNow() + Lifetime,
            IdleTimeout = idleTimeout,
        };
    }

    private static string NewSessionId() => Guid.NewGuid().ToString("N");
}
