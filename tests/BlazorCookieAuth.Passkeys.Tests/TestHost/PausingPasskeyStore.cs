namespace BlazorCookieAuth.Passkeys.Tests.TestHost;

/// <summary>
/// A memory passkey store that can hold one call where a test says, until the test lets it go: for interleaving a
/// sign-in with a removal deterministically.
/// </summary>
internal sealed class PausingPasskeyStore : IPasskeyStore
{
    private readonly MemoryPasskeyStore _inner = new();
    private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private string? _pauseIn;
    private int _callsToLetThrough;

    /// <summary>Completes when the held call has reached its pause.</summary>
    public Task Reached => _reached.Task;

    /// <summary>
    /// Holds the call to <paramref name="method"/> after the next <paramref name="callsToLetThrough"/> of them: a
    /// <see cref="FindAsync"/> before it looks, a <see cref="RecordSignInAsync"/> once it has recorded.
    /// </summary>
    public void PauseIn(string method, int callsToLetThrough = 0)
    {
        _callsToLetThrough = callsToLetThrough;
        _pauseIn = method;
    }

    /// <summary>Lets the held call go on.</summary>
    public void Release() => _released.TrySetResult();

    public Task<bool> AddAsync(StoredPasskey passkey, CancellationToken cancellationToken = default) => _inner.AddAsync(passkey, cancellationToken);

    public async Task<StoredPasskey?> FindAsync(byte[] credentialId, CancellationToken cancellationToken = default)
    {
        await PauseIfAskedAsync(nameof(FindAsync));
        return await _inner.FindAsync(credentialId, cancellationToken);
    }

    public Task<IReadOnlyList<StoredPasskey>> ListAsync(string authId, CancellationToken cancellationToken = default) => _inner.ListAsync(authId, cancellationToken);

    public async Task<bool> RecordSignInAsync(byte[] credentialId, uint expectedSignCount, uint signCount, bool isBackedUp, DateTimeOffset usedAt, CancellationToken cancellationToken = default)
    {
        var recorded = await _inner.RecordSignInAsync(credentialId, expectedSignCount, signCount, isBackedUp, usedAt, cancellationToken);
        await PauseIfAskedAsync(nameof(RecordSignInAsync));
        return recorded;
    }

    public Task<bool> RenameAsync(string authId, byte[] credentialId, string name, CancellationToken cancellationToken = default) =>
        _inner.RenameAsync(authId, credentialId, name, cancellationToken);

    public Task<bool> RemoveAsync(string authId, byte[] credentialId, CancellationToken cancellationToken = default) =>
        _inner.RemoveAsync(authId, credentialId, cancellationToken);

    public Task<byte[]> GetOrAddUserHandleAsync(string authId, byte[] newHandle, CancellationToken cancellationToken = default) =>
        _inner.GetOrAddUserHandleAsync(authId, newHandle, cancellationToken);

    public Task<string?> FindAuthIdAsync(byte[] userHandle, CancellationToken cancellationToken = default) => _inner.FindAuthIdAsync(userHandle, cancellationToken);

    public Task<bool> TryUseChallengeAsync(string challengeId, DateTimeOffset expiresAt, CancellationToken cancellationToken = default) =>
        _inner.TryUseChallengeAsync(challengeId, expiresAt, cancellationToken);

    private async Task PauseIfAskedAsync(string method)
    {
        if (_pauseIn != method || _callsToLetThrough-- > 0)
        {
            return;
        }

        _pauseIn = null;
        _reached.TrySetResult();
        await _released.Task;
    }
}
