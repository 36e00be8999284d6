using Microsoft.Extensions.Logging;

namespace BlazorCookieAuth.Sessions;

/// <summary>
/// The logouts that couldn't reach the session store, because it was down, kept until it answers again. Until then
/// this server refuses the sessions they name, whatever the store or a cache says; <see cref="AuthSessions"/> removes
/// them from the store and announces their end once it answers. The list is in memory: it holds at most
/// <see cref="MaxCount"/> ends, drops the oldest beyond that, and is lost on a restart. Each of those losses is logged.
/// </summary>
internal sealed class PendingSessionEnds(ILogger<PendingSessionEnds> logger)
{
    /// <summary>The most ends kept; a logout past it drops the oldest, whose session then outlives the outage.</summary>
    public const int MaxCount = 10_000;

    private readonly Lock _gate = new();
    private readonly LinkedList<PendingSessionEnd> _ends = [];
    private readonly Dictionary<string, LinkedListNode<PendingSessionEnd>> _bySession = new(StringComparer.Ordinal);
    private readonly Dictionary<string, LinkedListNode<PendingSessionEnd>> _byUser = new(StringComparer.Ordinal);

    /// <summary>The count of <see cref="_ends"/>, written under the lock and read without it, so checks cost nothing when none wait.</summary>
    private volatile int _count;

    /// <summary>How many ends wait for the store.</summary>
    public int Count => _count;

    /// <summary>
    /// Keeps an end the store couldn't take, replacing an earlier one of the same session or, for a logout
    /// everywhere, of the same user; logged as deferred.
    /// </summary>
    public void Add(PendingSessionEnd end)
    {
        PendingSessionEnd? dropped = null;
        lock (_gate)
        {
            var index = end.SessionId is null ? _byUser : _bySession;
            var key = end.SessionId ?? end.AuthId;
            if (index.Remove(key, out var earlier))
            {
                _ends.Remove(earlier);
            }

            index[key] = _ends.AddLast(end);
            if (_ends.Count > MaxCount)
            {
                dropped = _ends.First!.Value;
                RemoveLocked(dropped);
            }

            _count = _ends.Count;
        }

        logger.SessionEndDeferred(end.AuthId, end.SessionId is null);
        if (dropped is not null)
        {
            logger.PendingSessionEndDropped(MaxCount, dropped.AuthId);
        }
    }

    /// <summary>Whether a pending end covers <paramref name="session"/>, so that it must be refused though the store still has it.</summary>
    public bool Covers(AuthSessionRecord session)
    {
        if (_count == 0)
        {
            return false;
        }

        lock (_gate)
        {
            return _bySession.ContainsKey(session.SessionId)
                || (_byUser.TryGetValue(session.AuthId, out var everywhere) && session.CreatedAt <= everywhere.Value.EndedAt);
        }
    }

    /// <summary>The ends waiting, oldest first.</summary>
    public IReadOnlyList<PendingSessionEnd> Snapshot()
    {
        lock (_gate)
        {
            return [.. _ends];
        }
    }

    /// <summary>Forgets an end once the store has taken it; a newer end of the same session or user stays.</summary>
    public void Remove(PendingSessionEnd end)
    {
        lock (_gate)
        {
            RemoveLocked(end);
            _count = _ends.Count;
        }
    }

    private void RemoveLocked(PendingSessionEnd end)
    {
        var index = end.SessionId is null ? _byUser : _bySession;
        var key = end.SessionId ?? end.AuthId;
        if (index.TryGetValue(key, out var node) && ReferenceEquals(node.Value, end))
        {
            index.Remove(key);
            _ends.Remove(node);
        }
    }
}
