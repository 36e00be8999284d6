using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace BlazorCookieAuth.Redis;

/// <summary>
/// Listens on the Redis channel that carries the ids of ended sessions, wherever they ended, and passes them to this
/// server's cache and circuits. While the connection is down the notices can't arrive, so the cache is not trusted
/// (every request asks Redis, and fails closed while Redis is gone); once the subscription is back, the cache starts
/// afresh, since notices may have been missed meanwhile.
/// </summary>
internal sealed class RedisSessionNotices(
    RedisConnection connection,
    RedisSessionStore store,
    IAuthSessionNotices notices,
    ILogger<RedisSessionNotices> logger) : IHostedService
{
    private readonly Lock _gate = new();
    private ChannelMessageQueue? _subscription;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        connection.Multiplexer.ConnectionFailed += OnConnectionFailed;
        connection.Multiplexer.ConnectionRestored += OnConnectionRestored;
        if (!await TrySubscribeAsync().ConfigureAwait(false))
        {
            notices.NoticesLost();
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        connection.Multiplexer.ConnectionFailed -= OnConnectionFailed;
        connection.Multiplexer.ConnectionRestored -= OnConnectionRestored;
        ChannelMessageQueue? subscription;
        lock (_gate)
        {
            subscription = _subscription;
            _subscription = null;
        }

        if (subscription is not null)
        {
            try
            {
                await subscription.UnsubscribeAsync().ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is RedisException or TimeoutException or ObjectDisposedException)
            {
                // The app is stopping (its connection may be closed, or Redis hung); Redis forgets a subscription
                // whose connection closes, so stopping never waits on it or fails for it.
            }
        }
    }

    private void OnConnectionFailed(object? sender, ConnectionFailedEventArgs e) => notices.NoticesLost();

    private void OnConnectionRestored(object? sender, ConnectionFailedEventArgs e) => _ = RestoreAsync();

    private async Task RestoreAsync()
    {
        // The client subscribes again by itself once its subscription connection is back; until then, keep waiting.
        if (await TrySubscribeAsync().ConfigureAwait(false) && connection.Multiplexer.GetSubscriber().IsConnected(store.NoticesChannel))
        {
            notices.NoticesRestored();
        }
    }

    /// <returns><see langword="true"/> once the channel is subscribed (now or before).</returns>
    private async Task<bool> TrySubscribeAsync()
    {
        lock (_gate)
        {
            if (_subscription is not null)
            {
                return true;
            }
        }

        ChannelMessageQueue subscription;
        try
        {
            subscription = await connection.Multiplexer.GetSubscriber().SubscribeAsync(store.NoticesChannel).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            logger.NoticesSubscriptionFailed(exception);
            return false;
        }

        lock (_gate)
        {
            if (_subscription is not null)
            {
                // Another attempt got there first.
                _ = subscription.UnsubscribeAsync();
                return true;
            }

            _subscription = subscription;
        }

        subscription.OnMessage(message =>
            notices.SessionsEnded(((string)message.Message!).Split(' ', StringSplitOptions.RemoveEmptyEntries)));
        return true;
    }
}
