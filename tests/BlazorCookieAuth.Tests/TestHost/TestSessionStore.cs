using BlazorCookieAuth.Sessions;

namespace BlazorCookieAuth.Tests.TestHost;

/// <summary>The in-memory session store, counting the writes that change a session and failing cleanup on demand.</summary>
internal sealed class TestSessionStore(TimeProvider timeProvider) : IAuthSessionStore
{
    private readonly MemoryAuthSessionStore _store = new(timeProvider);
    private int _updates;
    private volatile bool _cleanupFails;

    /// <summary>How many times <see cref="UpdateAsync"/> was called.</summary>
    public int Updates => Volatile.Read(ref _updates);

    /// <summary>Whether <see cref="RemoveExpiredAsync"/> fails, as with a database that is down.</summary>
    public bool CleanupFails
    {
        get => _cleanupFails;
        set => _cleanupFails = value;
    }

    public Task<IReadOnlyList<string>> CreateAsync(AuthSessionRecord session, int maxSessionsPerUser, CancellationToken cancellationToken = default) =>
        _store.CreateAsync(session, maxSessionsPerUser, cancellationToken);

    public ValueTask<AuthSessionRecord?> FindAsync(string sessionId, CancellationToken cancellationToken = default) =>
        _store.FindAsync(sessionId, cancellationToken);

    public Task<bool> UpdateAsync(AuthSessionRecord session, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _updates);
        return _store.UpdateAsync(session, cancellationToken);
    }

    public Task<bool> RemoveAsync(string sessionId, CancellationToken cancellationToken = default) =>
        _store.RemoveAsync(sessionId, cancellationToken);

    public Task<IReadOnlyList<AuthSessionRecord>> ListAsync(string authId, CancellationToken cancellationToken = default) =>
        _store.ListAsync(authId, cancellationToken);

    public Task<IReadOnlyList<string>> RemoveAllAsync(string authId, CancellationToken cancellationToken = default) =>
        _store.RemoveAllAsync(authId, cancellationToken);

    public Task<int> RemoveExpiredAsync(CancellationToken cancellationToken = default) =>
        _cleanupFails
            ? throw new InvalidOperationException("The session database is unreachable.")
            : _store.RemoveExpiredAsync(cancellationToken);
}
