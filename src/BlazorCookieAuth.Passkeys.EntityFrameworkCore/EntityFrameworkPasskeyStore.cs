using BlazorCookieAuth.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace BlazorCookieAuth.Passkeys.EntityFrameworkCore;

/// <summary>
/// Keeps passkeys, user handles and used challenges in three tables through Entity Framework Core, each operation on a
/// short-lived context. The database keeps the store's promises under races between servers: unique keys refuse a
/// second passkey with one credential id, a second handle for one user and a second use of one challenge, and a
/// sign-in is recorded by one conditional update, which only one of two sign-ins checked against the same counter can
/// make.
/// </summary>
/// <typeparam name="TContext">The context that maps the passkey tables.</typeparam>
internal sealed class EntityFrameworkPasskeyStore<TContext>(KitDbContextSource<TContext> contexts, TimeProvider timeProvider) : IPasskeyStore
    where TContext : DbContext
{
    public async Task<bool> AddAsync(StoredPasskey passkey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(passkey);
        var credentialId = passkey.CredentialId;
        // Asked first so that the usual refusal doesn't go through a failed insert, which an app's own context logs.
        if (await FindEntityAsync(credentialId, cancellationToken).ConfigureAwait(false) is not null)
        {
            return false;
        }

        try
        {
            var lease = await contexts.RentAsync(cancellationToken).ConfigureAwait(false);
            await using (lease.ConfigureAwait(false))
            {
                Passkeys(lease).Add(PasskeyEntity.From(passkey));
                await lease.Context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                return true;
            }
        }
        catch (DbUpdateException)
        {
            // Another add of the credential id won the race, and the unique index refused this one.
            if (await FindEntityAsync(credentialId, cancellationToken).ConfigureAwait(false) is not null)
            {
                return false;
            }

            throw;
        }
    }

    public async Task<StoredPasskey?> FindAsync(byte[] credentialId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(credentialId);
        return (await FindEntityAsync(credentialId, cancellationToken).ConfigureAwait(false))?.ToPasskey();
    }

    public async Task<IReadOnlyList<StoredPasskey>> ListAsync(string authId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(authId);
        var lease = await contexts.RentAsync(cancellationToken).ConfigureAwait(false);
        await using (lease.ConfigureAwait(false))
        {
            var passkeys = await Passkeys(lease).AsNoTracking()
                .Where(p => p.AuthId == authId)
                .OrderBy(p => p.CreatedAt)
                .ThenBy(p => p.Id)
                .ToListAsync(cancellationToken)
                .ConfigureAwait(false);
            return [.. passkeys.Select(p => p.ToPasskey())];
        }
    }

    public async Task<bool> RecordSignInAsync(
        byte[] credentialId, uint expectedSignCount, uint signCount, bool isBackedUp, DateTimeOffset usedAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(credentialId);
        long expected = expectedSignCount;
        long counted = signCount;
        var used = usedAt.ToUnixTimeMilliseconds();
        var lease = await contexts.RentAsync(cancellationToken).ConfigureAwait(false);
        await using (lease.ConfigureAwait(false))
        {
            // One statement that matches the counter the sign-in was checked against: of two sign-ins checked against
            // one counter, the second finds it moved (or, for a passkey that doesn't count, both record a zero).
            var updated = await Passkeys(lease)
                .Where(p => p.CredentialId == credentialId && p.SignCount == expected)
                .ExecuteUpdateAsync(
                    setters => setters
                        .SetProperty(p => p.SignCount, counted)
                        .SetProperty(p => p.IsBackedUp, isBackedUp)
                        .SetProperty(p => p.LastUsedAt, used),
                    cancellationToken)
                .ConfigureAwait(false);
            return updated > 0;
        }
    }

    public async Task<bool> RenameAsync(string authId, byte[] credentialId, string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(authId);
        ArgumentNullException.ThrowIfNull(credentialId);
        ArgumentNullException.ThrowIfNull(name);
        var lease = await contexts.RentAsync(cancellationToken).ConfigureAwait(false);
        await using (lease.ConfigureAwait(false))
        {
            var updated = await Passkeys(lease)
                .Where(p => p.CredentialId == credentialId && p.AuthId == authId)
                .ExecuteUpdateAsync(setters => setters.SetProperty(p => p.Name, name), cancellationToken)
                .ConfigureAwait(false);
            return updated > 0;
        }
    }

    public async Task<bool> RemoveAsync(string authId, byte[] credentialId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(authId);
        ArgumentNullException.ThrowIfNull(credentialId);
        var lease = await contexts.RentAsync(cancellationToken).ConfigureAwait(false);
        await using (lease.ConfigureAwait(false))
        {
            var removed = await Passkeys(lease)
                .Where(p => p.CredentialId == credentialId && p.AuthId == authId)
                .ExecuteDeleteAsync(cancellationToken)
                .ConfigureAwait(false);
            return removed > 0;
        }
    }

    public async Task<byte[]> GetOrAddUserHandleAsync(string authId, byte[] newHandle, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(authId);
        ArgumentNullException.ThrowIfNull(newHandle);
        if (await FindHandleAsync(authId, cancellationToken).ConfigureAwait(false) is { } kept)
        {
            return kept;
        }

        try
        {
            var lease = await contexts.RentAsync(cancellationToken).ConfigureAwait(false);
            await using (lease.ConfigureAwait(false))
            {
                UserHandles(lease).Add(new PasskeyUserHandleEntity { AuthId = authId, Handle = newHandle.ToArray() });
                await lease.Context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                return newHandle.ToArray();
            }
        }
        catch (DbUpdateException)
        {
            // Another first request for the user's handle won the race: its handle is the user's.
            if (await FindHandleAsync(authId, cancellationToken).ConfigureAwait(false) is { } winner)
            {
                return winner;
            }

            throw;
        }
    }

    public async Task<string?> FindAuthIdAsync(byte[] userHandle, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(userHandle);
        var lease = await contexts.RentAsync(cancellationToken).ConfigureAwait(false);
        await using (lease.ConfigureAwait(false))
        {
            return await UserHandles(lease).AsNoTracking()
                .Where(h => h.Handle == userHandle)
                .Select(h => h.AuthId)
                .FirstOrDefaultAsync(cancellationToken)
                .ConfigureAwait(false);
        }
    }

    private async Task<PasskeyEntity?> FindEntityAsync(byte[] credentialId, CancellationToken cancellationToken)
    {
        var lease = await contexts.RentAsync(cancellationToken).ConfigureAwait(false);
        await using (lease.ConfigureAwait(false))
        {
            return await Passkeys(lease).AsNoTracking()
                .FirstOrDefaultAsync(p => p.CredentialId == credentialId, cancellationToken)
                .ConfigureAwait(false);
        }
    }

    private async Task<byte[]?> FindHandleAsync(string authId, CancellationToken cancellationToken)
    {
        var lease = await contexts.RentAsync(cancellationToken).ConfigureAwait(false);
        await using (lease.ConfigureAwait(false))
        {
            return await UserHandles(lease).AsNoTracking()
                .Where(h => h.AuthId == authId)
                .Select(h => h.Handle)
                .FirstOrDefaultAsync(cancellationToken)
                .ConfigureAwait(false);
        }
    }

    public async Task<bool> TryUseChallengeAsync(string challengeId, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(challengeId);
        var lease = await contexts.RentAsync(cancellationToken).ConfigureAwait(false);
        await using (lease.ConfigureAwait(false))
        {
            var challenges = lease.Context.Set<PasskeyUsedChallengeEntity>();

            // The expired ones go first, on every use, through the ExpiresAt index: a table that holds only the last
            // few minutes of ceremonies stays small, with no sweeper to run.
            var now = timeProvider.GetUtcNow().ToUnixTimeMilliseconds();
            await challenges.Where(c => c.ExpiresAt <= now).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
            if (await challenges.AsNoTracking().AnyAsync(c => c.Id == challengeId, cancellationToken).ConfigureAwait(false))
            {
                // Asked first so that a replay doesn't go through a failed insert, which an app's own context logs.
                return false;
            }

            challenges.Add(new PasskeyUsedChallengeEntity { Id = challengeId, ExpiresAt = expiresAt.ToUnixTimeMilliseconds() });
            try
            {
                await lease.Context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                return true;
            }
            catch (DbUpdateException)
            {
                // Another server took the challenge at the same moment, and the key refused this one.
                return false;
            }
        }
    }

    private static DbSet<PasskeyEntity> Passkeys(KitDbContextSource<TContext>.Lease lease) => lease.Context.Set<PasskeyEntity>();

    private static DbSet<PasskeyUserHandleEntity> UserHandles(KitDbContextSource<TContext>.Lease lease) => lease.Context.Set<PasskeyUserHandleEntity>();
}
