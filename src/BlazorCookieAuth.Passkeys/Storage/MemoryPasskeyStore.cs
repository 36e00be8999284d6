using BlazorCookieAuth.Passkeys.Ceremonies;
using Microsoft.AspNetCore.WebUtilities;

namespace BlazorCookieAuth.Passkeys;

/// <summary>
/// Keeps passkeys in this process's memory: for tests and trying things out. They are gone when the app stops, and
/// other servers don't see them.
/// </summary>
public sealed class MemoryPasskeyStore : IPasskeyStore
{
    private readonly UsedChallenges _usedChallenges;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, StoredPasskey> _passkeys = new(StringComparer.Ordinal);
    private readonly Dictionary<string, byte[]> _handlesByAuthId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _authIdsByHandle = new(StringComparer.Ordinal);

    /// <summary>A store on the system clock.</summary>
    public MemoryPasskeyStore()
        : this(TimeProvider.System)
    {
    }

    /// <summary>A store whose used challenges are forgotten by <paramref name="timeProvider"/>'s clock once they expire.</summary>
    /// <param name="timeProvider">The clock.</param>
    public MemoryPasskeyStore(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        _usedChallenges = new UsedChallenges(timeProvider);
    }

    /// <inheritdoc />
    public Task<bool> TryUseChallengeAsync(string challengeId, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(challengeId);
        return Task.FromResult(_usedChallenges.TryUse(challengeId, expiresAt.ToUnixTimeMilliseconds()));
    }

    /// <inheritdoc />
    public Task<bool> AddAsync(StoredPasskey passkey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(passkey);
        lock (_lock)
        {
            return Task.FromResult(_passkeys.TryAdd(Key(passkey.CredentialId), Copy(passkey)));
        }
    }

    /// <inheritdoc />
    public Task<StoredPasskey?> FindAsync(byte[] credentialId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(credentialId);
        lock (_lock)
        {
            return Task.FromResult(_passkeys.TryGetValue(Key(credentialId), out var passkey) ? Copy(passkey) : null);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<StoredPasskey>> ListAsync(string authId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(authId);
        lock (_lock)
        {
            IReadOnlyList<StoredPasskey> passkeys = [.. _passkeys.Values.Where(p => p.AuthId == authId).OrderBy(p => p.CreatedAt).Select(Copy)];
            return Task.FromResult(passkeys);
        }
    }

    /// <inheritdoc />
    public Task<bool> RecordSignInAsync(byte[] credentialId, uint expectedSignCount, uint signCount, bool isBackedUp, DateTimeOffset usedAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(credentialId);
        lock (_lock)
        {
            var key = Key(credentialId);
            if (!_passkeys.TryGetValue(key, out var passkey) || passkey.SignCount != expectedSignCount)
            {
                return Task.FromResult(false);
            }

            _passkeys[key] = passkey with { SignCount = signCount, IsBackedUp = isBackedUp, LastUsedAt = usedAt };
            return Task.FromResult(true);
        }
    }

    /// <inheritdoc />
    public Task<bool> RenameAsync(string authId, byte[] credentialId, string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(authId);
        ArgumentNullException.ThrowIfNull(credentialId);
        ArgumentNullException.ThrowIfNull(name);
        lock (_lock)
        {
            var key = Key(credentialId);
            if (!_passkeys.TryGetValue(key, out var passkey) || passkey.AuthId != authId)
            {
                return Task.FromResult(false);
            }

            _passkeys[key] = passkey with { Name = name };
            return Task.FromResult(true);
        }
    }

    /// <inheritdoc />
    public Task<bool> RemoveAsync(string authId, byte[] credentialId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(authId);
        ArgumentNullException.ThrowIfNull(credentialId);
        lock (_lock)
        {
            var key = Key(credentialId);
            return Task.FromResult(_passkeys.TryGetValue(key, out var passkey) && passkey.AuthId == authId && _passkeys.Remove(key));
        }
    }

    /// <inheritdoc />
    public Task<byte[]> GetOrAddUserHandleAsync(string authId, byte[] newHandle, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(authId);
        ArgumentNullException.ThrowIfNull(newHandle);
        lock (_lock)
        {
            if (!_handlesByAuthId.TryGetValue(authId, out var handle))
            {
                handle = newHandle.ToArray();
                _handlesByAuthId[authId] = handle;
                _authIdsByHandle[Key(handle)] = authId;
            }

            return Task.FromResult(handle.ToArray());
        }
    }

    /// <inheritdoc />
    public Task<string?> FindAuthIdAsync(byte[] userHandle, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(userHandle);
        lock (_lock)
        {
            return Task.FromResult(_authIdsByHandle.TryGetValue(Key(userHandle), out var authId) ? authId : null);
        }
    }

    private static string Key(byte[] bytes) => WebEncoders.Base64UrlEncode(bytes);

    /// <summary>A copy whose arrays the caller can't change under the store, nor the store under the caller.</summary>
    private static StoredPasskey Copy(StoredPasskey passkey) =>
        passkey with { CredentialId = passkey.CredentialId.ToArray(), PublicKey = passkey.PublicKey.ToArray(), Transports = [.. passkey.Transports] };
}
