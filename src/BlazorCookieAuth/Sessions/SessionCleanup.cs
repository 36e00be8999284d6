using BlazorCookieAuth.Authentication;
using BlazorCookieAuth.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BlazorCookieAuth.Sessions;

/// <summary>
/// Removes ended sessions from the store every <see cref="BlazorCookieAuthOptions.SessionCleanupInterval"/>, in
/// the background, so no request ever pays for it. Ended sessions are refused at once anyway; this frees their space.
/// The sessions it removes are counted as expired: this is where the kit learns that a lifetime or idle timeout ran out.
/// </summary>
internal sealed class SessionCleanup(
    IAuthSessionStore store,
    IOptionsMonitor<BlazorCookieAuthOptions> options,
    BlazorCookieAuthScheme scheme,
    TimeProvider timeProvider,
    AuthTelemetry telemetry,
    ILogger<SessionCleanup> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Get(scheme.Name).SessionCleanupInterval, timeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                await RemoveExpiredAsync(stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The app is stopping.
        }
    }

    /// <summary>One cleanup round; a failure is logged and the next round tries again.</summary>
    internal async Task RemoveExpiredAsync(CancellationToken cancellationToken)
    {
        try
        {
            var removed = await store.RemoveExpiredAsync(cancellationToken).ConfigureAwait(false);
            logger.EndedSessionsRemoved(removed);
            telemetry.SessionsEnded(SessionEndReason.Expired, removed);
        }
        catch (Exception exception) when (exception is not OperationCanceledException and not OutOfMemoryException)
        {
            logger.SessionCleanupFailed(exception);
        }
    }
}
