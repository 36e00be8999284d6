using BlazorCookieAuth.Sessions;

namespace BlazorCookieAuth.Tests.TestHost;

/// <summary>
/// The in-memory session store, counting the writes that change a session, and going down on demand as a database
/// does: then every call fails.
/// </summary>
internal sealed class TestSessionStore(TimeProvider timeProvider) : IAuthSessionStore
{
    private readonly MemoryAuthSessionStore _store = new(timeProvider);
    private int _updates;
    private volatile bool _down;

    /// <summary>How many times <see cref="UpdateAsync"/> was called.</summary>
    public int Updates => Volatile.Read(ref _updates);

    /// <summary>Whether the store can't be reached: every call throws, as a client of a database that is down does.</summary>
    public bool IsDown
    {
        get => _down;
        set => _down = value;
    }

    /// <summary>The sessions held, read past the outage switch, for tests that look behind the kit's back.</summary>
    public MemoryAuthSessionStore Sessions => _store;

    public Task<IReadOnlyList<string>> CreateAsync(AuthSessionRecord session, int maxSessionsPerUser, CancellationToken cancellationToken = default) =>
        Reachable().CreateAsync(session, maxSessionsPerUser, cancellationToken);

    public ValueTask<AuthSessionRecord?> FindAsync(string sessionId, CancellationToken cancellationToken = default) =>
        Reachable().FindAsync(sessionId, cancellationToken);

    public Task<bool> UpdateAsync(AuthSessionRecord session, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _updates);
        return Reachable().UpdateAsync(session, cancellationToken);
    }

    public Task<bool> RemoveAsync(string sessionId, CancellationToken cancellationToken = default) =>
        Reachable().RemoveAsync(sessionId, cancellationToken);

    public Task<IReadOnlyList<AuthSessionRecord>> ListAsync(string authId, CancellationToken cancellationToken = default) =>
        Reachable().ListAsync(authId, cancellationToken);

    public Task<IReadOnlyList<string>> RemoveAllAsync(string authId, CancellationToken cancellationToken = default) =>
        Reachable().RemoveAllAsync(authId, cancellationToken);

    public Task<int> RemoveExpiredAsync(CancellationToken cancellationToken = default) =>
        Reachable().RemoveExpiredAsync(cancellationToken);

    public Task<IReadOnlyList<string>> SetCredentialsValidFromAsync(string authId, DateTimeOffset validFrom, CancellationToken cancellationToken = default) =>
        Reachable().SetCredentialsValidFromAsync(authId, validFrom, cancellationToken);

    private MemoryAuthSessionStore Reachable() =>
        _down ? throw new IOException("The session database can't be reached.") : _store;
}
