using System.Data;
using Microsoft.EntityFrameworkCore;

namespace BlazorCookieAuth.EntityFrameworkCore;

/// <summary>
/// Keeps sessions in a table through Entity Framework Core, each operation on a short-lived context; the kit's session
/// cache in front of it keeps authenticated requests off the database. A create (credential check, insert, cap) and a
/// credential change (valid-from time, removal of older sessions) each run in one serializable transaction, so that of
/// a login and a credential change racing on any servers, one sees the other whole. On SQLite, Microsoft.Data.Sqlite
/// begins such a transaction with <c>BEGIN IMMEDIATE</c>, which takes the database's write lock at once, so they run
/// one after the other.
/// </summary>
/// <typeparam name="TContext">The context that maps the sessions table.</typeparam>
internal sealed class EntityFrameworkSessionStore<TContext>(KitDbContextSource<TContext> contexts, TimeProvider timeProvider)
    : IAuthSessionStore, IDisposable
    where TContext : DbContext
{
    /// <summary>
    /// One create at a time on this server: each prunes the user's sessions from what it reads after its insert, and
    /// two running side by side could each keep themselves and prune a session the other keeps, leaving the user below
    /// the cap. Logins are rare beside requests, so waiting costs nothing measurable.
    /// </summary>
    private readonly SemaphoreSlim _creates = new(1, 1);

    /// <summary>Ended sessions are removed this many at a time, so a cleanup never holds a long lock.</summary>
    private const int CleanupBatchSize = 500;

    public async Task<IReadOnlyList<string>> CreateAsync(AuthSessionRecord session, int maxSessionsPerUser, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSessionsPerUser, 1);
        await _creates.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await CreateAloneAsync(session, maxSessionsPerUser, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _creates.Release();
        }
    }

    public void Dispose() => _creates.Dispose();

    private async Task<IReadOnlyList<string>> CreateAloneAsync(AuthSessionRecord session, int maxSessionsPerUser, CancellationToken cancellationToken)
    {
        var lease = await contexts.RentAsync(cancellationToken).ConfigureAwait(false);
        await using (lease.ConfigureAwait(false))
        {
            var transaction = await lease.Context.Database.BeginTransactionAsync(IsolationLevel.Serializable, cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                var removed = await CheckAndAddAsync(lease, session, maxSessionsPerUser, cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return removed;
            }
        }
    }

    /// <summary>Refuses a session whose credentials changed since they were checked, else adds it and keeps the cap.</summary>
    private async Task<IReadOnlyList<string>> CheckAndAddAsync(
        KitDbContextSource<TContext>.Lease lease, AuthSessionRecord session, int maxSessionsPerUser, CancellationToken cancellationToken)
    {
        var authId = session.AuthId;
        var authenticatedAt = session.AuthenticatedAt.ToUnixTimeMilliseconds();
        if (await CredentialsChanges(lease).AnyAsync(c => c.AuthId == authId && c.ValidFrom > authenticatedAt, cancellationToken).ConfigureAwait(false))
        {
            throw new CredentialsChangedException();
        }

        lease.Sessions.Add(AuthSessionEntity.From(session));
        await lease.Context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);

        // The new session counts first, whatever its creation time: a login never pushes itself out.
        var now = Now();
        var newId = session.SessionId;
        var surplus = await lease.Sessions.AsNoTracking()
            .Where(s => s.AuthId == authId && s.EndsAt > now && s.SessionId != newId)
            .OrderByDescending(s => s.CreatedAt)
            .ThenByDescending(s => s.SessionId)
            .Skip(maxSessionsPerUser - 1)
            .Select(s => s.SessionId)
            .ToListAsync(cancellationToken)
            .ConfigureAwait(false);
        // One by one, so that of two logins racing to remove the same old session only the one that did reports it.
        var removed = new List<string>(surplus.Count);
        for (var i = surplus.Count - 1; i >= 0; i--)
        {
            var sessionId = surplus[i];
            if (await lease.Sessions.Where(s => s.SessionId == sessionId).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false) > 0)
            {
                removed.Add(sessionId);
            }
        }

        return removed;
    }

    public async ValueTask<AuthSessionRecord?> FindAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sessionId);
        var now = Now();
        var lease = await contexts.RentAsync(cancellationToken).ConfigureAwait(false);
        await using (lease.ConfigureAwait(false))
        {
            var entity = await lease.Sessions.AsNoTracking()
                .FirstOrDefaultAsync(s => s.SessionId == sessionId && s.EndsAt > now, cancellationToken)
                .ConfigureAwait(false);
            return entity?.ToRecord();
        }
    }

    public async Task<bool> UpdateAsync(AuthSessionRecord session, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        var now = Now();
        var changed = AuthSessionEntity.From(session);
        var lease = await contexts.RentAsync(cancellationToken).ConfigureAwait(false);
        await using (lease.ConfigureAwait(false))
        {
            // One statement that only touches a live row, so a logout racing this update always wins.
            var updated = await lease.Sessions
                .Where(s => s.SessionId == changed.SessionId && s.AuthId == changed.AuthId && s.EndsAt > now)
                .ExecuteUpdateAsync(
                    setters => setters
                        .SetProperty(s => s.LastSeenAt, changed.LastSeenAt)
                        .SetProperty(s => s.ExpiresAt, changed.ExpiresAt)
                        .SetProperty(s => s.MaxExpiresAt, changed.MaxExpiresAt)
                        .SetProperty(s => s.AuthenticatedAt, changed.AuthenticatedAt)
                        .SetProperty(s => s.EndsAt, changed.EndsAt)
                        .SetProperty(s => s.IdleTimeout, changed.IdleTimeout)
                        .SetProperty(s => s.IsPersistent, changed.IsPersistent)
                        .SetProperty(s => s.Client, changed.Client)
                        .SetProperty(s => s.Data, changed.Data)
                        .SetProperty(s => s.Credential, changed.Credential),
                    cancellationToken)
                .ConfigureAwait(false);
            return updated > 0;
        }
    }

    public async Task<bool> RemoveAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sessionId);
        var lease = await contexts.RentAsync(cancellationToken).ConfigureAwait(false);
        await using (lease.ConfigureAwait(false))
        {
            return await lease.Sessions.Where(s => s.SessionId == sessionId).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false) > 0;
        }
    }

    public async Task<IReadOnlyList<AuthSessionRecord>> ListAsync(string authId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(authId);
        var now = Now();
        var lease = await contexts.RentAsync(cancellationToken).ConfigureAwait(false);
        await using (lease.ConfigureAwait(false))
        {
            var entities = await lease.Sessions.AsNoTracking()
                .Where(s => s.AuthId == authId && s.EndsAt > now)
                .OrderBy(s => s.CreatedAt)
                .ThenBy(s => s.SessionId)
                .ToListAsync(cancellationToken)
                .ConfigureAwait(false);
            return [.. entities.Select(e => e.ToRecord())];
        }
    }

    public async Task<IReadOnlyList<string>> RemoveAllAsync(string authId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(authId);
        var lease = await contexts.RentAsync(cancellationToken).ConfigureAwait(false);
        await using (lease.ConfigureAwait(false))
        {
            var ids = await lease.Sessions.AsNoTracking()
                .Where(s => s.AuthId == authId)
                .Select(s => s.SessionId)
                .ToListAsync(cancellationToken)
                .ConfigureAwait(false);

            // Everything of the user goes, a session started a moment ago included.
            await lease.Sessions.Where(s => s.AuthId == authId).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
            return ids;
        }
    }

    public async Task<IReadOnlyList<string>> SetCredentialsValidFromAsync(string authId, DateTimeOffset validFrom, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(authId);
        var validFromMs = validFrom.ToUnixTimeMilliseconds();
        var lease = await contexts.RentAsync(cancellationToken).ConfigureAwait(false);
        await using (lease.ConfigureAwait(false))
        {
            var transaction = await lease.Context.Database.BeginTransactionAsync(IsolationLevel.Serializable, cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                // An upsert every provider runs alike: move a row later, else add one unless a later one is there.
                var changes = CredentialsChanges(lease);
                var moved = await changes
                    .Where(c => c.AuthId == authId && c.ValidFrom < validFromMs)
                    .ExecuteUpdateAsync(setters => setters.SetProperty(c => c.ValidFrom, validFromMs), cancellationToken)
                    .ConfigureAwait(false);
                if (moved == 0 && !await changes.AnyAsync(c => c.AuthId == authId, cancellationToken).ConfigureAwait(false))
                {
                    changes.Add(new AuthCredentialsChangeEntity { AuthId = authId, ValidFrom = validFromMs });
                    await lease.Context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                }

                var older = lease.Sessions.Where(s => s.AuthId == authId && s.AuthenticatedAt < validFromMs);
                var ids = await older.AsNoTracking().Select(s => s.SessionId).ToListAsync(cancellationToken).ConfigureAwait(false);
                await older.ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return ids;
            }
        }
    }

    public async Task<int> RemoveExpiredAsync(CancellationToken cancellationToken = default)
    {
        var now = Now();
        var removed = 0;
        var lease = await contexts.RentAsync(cancellationToken).ConfigureAwait(false);
        await using (lease.ConfigureAwait(false))
        {
            // Credential changes are few; their rows go in one statement and are not counted as sessions.
            var changesBefore = now - (long)AuthCredentialsChangeEntity.Lifetime.TotalMilliseconds;
            await CredentialsChanges(lease).Where(c => c.ValidFrom <= changesBefore).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
            while (true)
            {
                var batch = await lease.Sessions.AsNoTracking()
                    .Where(s => s.EndsAt <= now)
                    .OrderBy(s => s.EndsAt)
                    .Select(s => s.SessionId)
                    .Take(CleanupBatchSize)
                    .ToListAsync(cancellationToken)
                    .ConfigureAwait(false);
                if (batch.Count == 0)
                {
                    return removed;
                }

                // The end time is checked again: a request may have kept one of them alive meanwhile.
                var deleted = await lease.Sessions
                    .Where(s => batch.Contains(s.SessionId) && s.EndsAt <= now)
                    .ExecuteDeleteAsync(cancellationToken)
                    .ConfigureAwait(false);
                removed += deleted;
                if (batch.Count < CleanupBatchSize || deleted == 0)
                {
                    return removed;
                }
            }
        }
    }

    private static DbSet<AuthCredentialsChangeEntity> CredentialsChanges(KitDbContextSource<TContext>.Lease lease) =>
        lease.Context.Set<AuthCredentialsChangeEntity>();

    private long Now() => timeProvider.GetUtcNow().ToUnixTimeMilliseconds();
}
