using System.Collections.Concurrent;

namespace BlazorCookieAuth.Sessions;

/// <summary>
/// Keeps revoked session ids in memory until their tokens expire. Revocations are lost on restart and not
/// shared between servers; a distributed store covers both.
/// </summary>
internal sealed class MemoryAuthSessionStore : IAuthSessionStore
{
    private static readonly TimeSpan SweepInterval = TimeSpan.FromMinutes(5);

    private readonly ConcurrentDictionary<string, DateTimeOffset> _revoked = new(StringComparer.Ordinal);
    private readonly TimeProvider _timeProvider;
    private long _nextSweepTicks;

    public MemoryAuthSessionStore(TimeProvider timeProvider)
    {
        _timeProvider = timeProvider;
        _nextSweepTicks = timeProvider.GetUtcNow().Add(SweepInterval).UtcTicks;
    }

    public ValueTask<bool> IsActiveAsync(AuthUser user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        return ValueTask.FromResult(user.SessionId is not null && !_revoked.ContainsKey(user.SessionId));
    }

    public Task RevokeAsync(AuthUser user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.SessionId is null || user.ExpiresAt is null)
        {
            throw new ArgumentException("Only a user read from a token has a session to revoke.", nameof(user));
        }

        _revoked[user.SessionId] = user.ExpiresAt.Value;
        SweepExpired();
        return Task.CompletedTask;
    }

    private void SweepExpired()
    {
        var now = _timeProvider.GetUtcNow();
        var next = Interlocked.Read(ref _nextSweepTicks);
        if (now.UtcTicks < next
            || Interlocked.CompareExchange(ref _nextSweepTicks, now.Add(SweepInterval).UtcTicks, next) != next)
        {
            return;
        }

        foreach (var (sessionId, expiresAt) in _revoked)
        {
            if (expiresAt <= now)
            {
                _revoked.TryRemove(sessionId, out _);
            }
        }
    }
}
