using System.Collections.Concurrent;

namespace BlazorCookieAuth.Sessions;

/// <summary>
/// The default session store: live sessions in this process's memory. Nothing to install, but sessions are lost
/// on restart (everyone is logged out) and not shared between servers. It is bounded: at most
/// <see cref="MaxSessions"/> sessions in all, beyond which a login ends the oldest session of any user. The
/// credentials-valid-from times of users whose credentials changed are kept for <see cref="CredentialsChangeLifetime"/>;
/// there are few of them, and the cleanup drops them after that.
/// </summary>
internal sealed class MemoryAuthSessionStore(TimeProvider timeProvider) : IAuthSessionStore
{
    /// <summary>The most sessions kept in all: about 40 MB (some 420 bytes a session, measured).</summary>
    public const int MaxSessions = 100_000;

    /// <summary>
    /// How long a user's credentials-valid-from time is kept: far longer than any login takes, so a login that checked
    /// the old credentials is refused however slow it was.
    /// </summary>
    public static readonly TimeSpan CredentialsChangeLifetime = TimeSpan.FromDays(1);

    private readonly ConcurrentDictionary<string, AuthSessionRecord> _sessions = new(StringComparer.Ordinal);

    // Writes take the lock; reads go to the concurrent dictionary alone.
    private readonly Lock _gate = new();
    private readonly Dictionary<string, List<AuthSessionRecord>> _byUser = new(StringComparer.Ordinal);
    private readonly SortedSet<(long CreatedTicks, string SessionId)> _byAge = [];
    private readonly Dictionary<string, DateTimeOffset> _credentialsValidFrom = new(StringComparer.Ordinal);

    /// <summary>How many sessions the store holds, ended ones not yet cleaned up included.</summary>
    public int Count => _sessions.Count;

    public Task<IReadOnlyList<string>> CreateAsync(AuthSessionRecord session, int maxSessionsPerUser, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSessionsPerUser, 1);
        var now = timeProvider.GetUtcNow();
        var removed = new List<string>();
        lock (_gate)
        {
            if (_credentialsValidFrom.TryGetValue(session.AuthId, out var validFrom) && session.AuthenticatedAt < validFrom)
            {
                throw new CredentialsChangedException();
            }

            if (!_sessions.TryAdd(session.SessionId, session))
            {
                throw new InvalidOperationException($"A session with id '{session.SessionId}' already exists; session ids are never reused.");
            }

            _byAge.Add((session.CreatedAt.UtcTicks, session.SessionId));
            if (!_byUser.TryGetValue(session.AuthId, out var userSessions))
            {
                userSessions = [];
                _byUser.Add(session.AuthId, userSessions);
            }

            // The new session counts first, whatever its creation time: a login never pushes itself out.
            var others = userSessions.Where(s => s.IsLiveAt(now)).OrderBy(s => s.CreatedAt).ToList();
            userSessions.Add(session);
            foreach (var oldest in others.Take(others.Count + 1 - maxSessionsPerUser))
            {
                RemoveLocked(oldest.SessionId);
                removed.Add(oldest.SessionId);
            }

            // _byAge is counted under the lock at no cost; the concurrent dictionary's Count would take all its locks.
            while (_byAge.Count > MaxSessions && _byAge.Min is { } globallyOldest)
            {
                RemoveLocked(globallyOldest.SessionId);
                removed.Add(globallyOldest.SessionId);
            }
        }

        return Task.FromResult<IReadOnlyList<string>>(removed);
    }

    public ValueTask<AuthSessionRecord?> FindAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sessionId);
        return ValueTask.FromResult(
            _sessions.TryGetValue(sessionId, out var session) && session.IsLiveAt(timeProvider.GetUtcNow()) ? session : null);
    }

    public Task<bool> UpdateAsync(AuthSessionRecord session, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        lock (_gate)
        {
            if (!_sessions.TryGetValue(session.SessionId, out var current)
                || current.AuthId != session.AuthId
                || !current.IsLiveAt(timeProvider.GetUtcNow()))
            {
                return Task.FromResult(false);
            }

            _sessions[session.SessionId] = session;
            var userSessions = _byUser[session.AuthId];
            userSessions[userSessions.FindIndex(s => s.SessionId == session.SessionId)] = session;
            return Task.FromResult(true);
        }
    }

    public Task<bool> RemoveAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sessionId);
        lock (_gate)
        {
            return Task.FromResult(RemoveLocked(sessionId));
        }
    }

    public Task<IReadOnlyList<AuthSessionRecord>> ListAsync(string authId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(authId);
        var now = timeProvider.GetUtcNow();
        lock (_gate)
        {
            IReadOnlyList<AuthSessionRecord> live = _byUser.TryGetValue(authId, out var userSessions)
                ? [.. userSessions.Where(s => s.IsLiveAt(now)).OrderBy(s => s.CreatedAt)]
                : [];
            return Task.FromResult(live);
        }
    }

    public Task<IReadOnlyList<string>> RemoveAllAsync(string authId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(authId);
        lock (_gate)
        {
            if (!_byUser.TryGetValue(authId, out var userSessions))
            {
                return Task.FromResult<IReadOnlyList<string>>([]);
            }

            var ids = userSessions.Select(s => s.SessionId).ToList();
            foreach (var id in ids)
            {
                RemoveLocked(id);
            }

            return Task.FromResult<IReadOnlyList<string>>(ids);
        }
    }

    public Task<IReadOnlyList<string>> SetCredentialsValidFromAsync(string authId, DateTimeOffset validFrom, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(authId);
        lock (_gate)
        {
            if (!_credentialsValidFrom.TryGetValue(authId, out var current) || current < validFrom)
            {
                _credentialsValidFrom[authId] = validFrom;
            }

            if (!_byUser.TryGetValue(authId, out var userSessions))
            {
                return Task.FromResult<IReadOnlyList<string>>([]);
            }

            var ids = userSessions.Where(s => s.AuthenticatedAt < validFrom).Select(s => s.SessionId).ToList();
            foreach (var id in ids)
            {
                RemoveLocked(id);
            }

            return Task.FromResult<IReadOnlyList<string>>(ids);
        }
    }

    public Task<int> RemoveExpiredAsync(CancellationToken cancellationToken = default)
    {
        var now = timeProvider.GetUtcNow();
        lock (_gate)
        {
            foreach (var (authId, validFrom) in _credentialsValidFrom)
            {
                if (validFrom + CredentialsChangeLifetime <= now)
                {
                    _credentialsValidFrom.Remove(authId);
                }
            }
        }

        var removed = 0;
        foreach (var (sessionId, session) in _sessions)
        {
            if (!session.IsLiveAt(now))
            {
                lock (_gate)
                {
                    // Re-read under the lock: a touch may have kept it alive meanwhile.
                    if (_sessions.TryGetValue(sessionId, out var current) && !current.IsLiveAt(now) && RemoveLocked(sessionId))
                    {
                        removed++;
                    }
                }
            }
        }

        return Task.FromResult(removed);
    }

    private bool RemoveLocked(string sessionId)
    {
        if (!_sessions.TryRemove(sessionId, out var session))
        {
            return false;
        }

        _byAge.Remove((session.CreatedAt.UtcTicks, sessionId));
        var userSessions = _byUser[session.AuthId];
        userSessions.RemoveAll(s => s.SessionId == sessionId);
        if (userSessions.Count == 0)
        {
            _byUser.Remove(session.AuthId);
        }

        return true;
    }
}
