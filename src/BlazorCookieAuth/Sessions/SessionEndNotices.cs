using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.Extensions.Logging;

namespace BlazorCookieAuth.Sessions;

/// <summary>
/// The end-of-session notices on this server: the session lifecycle publishes the ids of the sessions it ends,
/// and the circuits of those sessions hear it at once instead of at their next revalidation. Circuits subscribe
/// by session id and unsubscribe when they end.
/// </summary>
internal sealed class SessionEndNotices(ILogger<SessionEndNotices> logger)
{
    private readonly ConcurrentDictionary<string, Subscribers> _subscribers = new(StringComparer.Ordinal);

    /// <summary>The listeners to every end, such as the validated-token cache; few, and living as long as the app.</summary>
    private ImmutableArray<Action<IReadOnlyList<string>>> _allEnds = [];

    /// <summary>The number of session ids with live subscribers; the dictionary holds no empty entries.</summary>
    public int SubscribedSessionCount => _subscribers.Count;

    /// <summary>Calls <paramref name="onEnded"/> when <paramref name="sessionId"/> ends, until disposed.</summary>
    public IDisposable Subscribe(string sessionId, Action onEnded)
    {
        ArgumentException.ThrowIfNullOrEmpty(sessionId);
        ArgumentNullException.ThrowIfNull(onEnded);
        while (true)
        {
            var subscribers = _subscribers.GetOrAdd(sessionId, static _ => new Subscribers());
            var subscription = subscribers.TryAdd(onEnded);
            if (subscription is not null)
            {
                return new Subscription(this, sessionId, subscribers, subscription);
            }

            // The set emptied and left the dictionary between GetOrAdd and TryAdd; take a fresh one.
        }
    }

    /// <summary>Calls <paramref name="onEnded"/> with the ids of every batch of sessions that ends, until disposed.</summary>
    public IDisposable SubscribeAll(Action<IReadOnlyList<string>> onEnded)
    {
        ArgumentNullException.ThrowIfNull(onEnded);
        ImmutableInterlocked.Update(ref _allEnds, static (listeners, added) => listeners.Add(added), onEnded);
        return new AllEndsSubscription(this, onEnded);
    }

    /// <summary>Calls every listener to all ends, then every subscriber of each of <paramref name="sessionIds"/>.</summary>
    public void Publish(IReadOnlyList<string> sessionIds)
    {
        ArgumentNullException.ThrowIfNull(sessionIds);
        foreach (var onEnded in _allEnds)
        {
            onEnded(sessionIds);
        }

        foreach (var sessionId in sessionIds)
        {
            Publish(sessionId);
        }
    }

    /// <summary>Calls every subscriber of <paramref name="sessionId"/>.</summary>
    public void Publish(string sessionId)
    {
        ArgumentException.ThrowIfNullOrEmpty(sessionId);
        if (_subscribers.TryGetValue(sessionId, out var subscribers))
        {
            foreach (var onEnded in subscribers.Snapshot())
            {
                // One broken circuit must not fail the logout request or keep the others signed in.
                try
                {
                    onEnded();
                }
                catch (Exception exception) when (exception is not OutOfMemoryException)
                {
                    logger.EndNoticeFailed(exception);
                }
            }
        }
    }

    private void Unsubscribe(string sessionId, Subscribers subscribers, object subscription)
    {
        if (subscribers.Remove(subscription))
        {
            _subscribers.TryRemove(new KeyValuePair<string, Subscribers>(sessionId, subscribers));
        }
    }

    /// <summary>The callbacks of one session id. Once emptied it is closed, so it can leave the dictionary safely.</summary>
    private sealed class Subscribers
    {
        private readonly Dictionary<object, Action> _callbacks = [];
        private bool _closed;

        public object? TryAdd(Action onEnded)
        {
            lock (_callbacks)
            {
                if (_closed)
                {
                    return null;
                }

                var key = new object();
                _callbacks.Add(key, onEnded);
                return key;
            }
        }

        /// <returns><see langword="true"/> when the last callback left and the set closed.</returns>
        public bool Remove(object key)
        {
            lock (_callbacks)
            {
                _callbacks.Remove(key);
                _closed = _callbacks.Count == 0;
                return _closed;
            }
        }

        public Action[] Snapshot()
        {
            lock (_callbacks)
            {
                return [.. _callbacks.Values];
            }
        }
    }

    private sealed class AllEndsSubscription(SessionEndNotices owner, Action<IReadOnlyList<string>> onEnded) : IDisposable
    {
        public void Dispose() =>
            ImmutableInterlocked.Update(ref owner._allEnds, static (listeners, removed) => listeners.Remove(removed), onEnded);
    }

    private sealed class Subscription(SessionEndNotices owner, string sessionId, Subscribers subscribers, object key) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner.Unsubscribe(sessionId, subscribers, key);
            }
        }
    }
}
