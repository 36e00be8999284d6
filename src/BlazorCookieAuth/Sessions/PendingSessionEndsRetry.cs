using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BlazorCookieAuth.Sessions;

/// <summary>
/// Tries the logouts that waited for the session store every <see cref="Interval"/> while there are any, so they are
/// applied within about that long of the store answering, even when no request or notice shows it. When the app stops
/// with some still waiting, they are lost (they are kept in memory only), and that is logged as an error.
/// </summary>
internal sealed class PendingSessionEndsRetry(
    AuthSessions sessions,
    PendingSessionEnds pendingEnds,
    TimeProvider timeProvider,
    ILogger<PendingSessionEndsRetry> logger) : BackgroundService
{
    /// <summary>How often the store is tried while logouts wait for it.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        if (pendingEnds.Count is > 0 and var lost)
        {
            logger.PendingSessionEndsLost(lost);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, timeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                await sessions.ApplyPendingEndsAsync(stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The app is stopping.
        }
    }
}
