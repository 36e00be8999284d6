using System.Security.Claims;
using BlazorCookieAuth.Authentication;
using BlazorCookieAuth.Diagnostics;
using BlazorCookieAuth.Sessions;
using BlazorCookieAuth.Tokens;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BlazorCookieAuth.AuthState;

/// <summary>
/// The authentication state of a request or circuit. The framework hands it the user of the HTTP request
/// (prerender, static SSR) or of the circuit's connection. Once the circuit opens, it pins the circuit to
/// that login session: it checks the session at once, then every <see cref="BlazorCookieAuthOptions.RevalidationInterval"/>,
/// turns anonymous as soon as the session ends on this server, and refuses to become a different
/// session (for example when the circuit reconnects with another user's cookie). While it watches a session, the
/// circuit counts as authenticated (<see cref="AuthTelemetry.AuthenticatedCircuits"/>).
/// </summary>
internal sealed class BlazorCookieAuthStateProvider(
    SessionEndNotices endNotices,
    AuthSessions sessions,
    AuthTokenValidator tokenValidator,
    IServiceScopeFactory scopeFactory,
    IOptionsMonitor<BlazorCookieAuthOptions> options,
    BlazorCookieAuthScheme scheme,
    TimeProvider timeProvider,
    AuthTelemetry telemetry,
    ILogger<BlazorCookieAuthStateProvider> logger)
    : AuthenticationStateProvider, IHostEnvironmentAuthenticationStateProvider, IDisposable
{
    /// <summary>The longest single wait <see cref="Task.Delay(TimeSpan, TimeProvider, CancellationToken)"/> accepts.</summary>
    private static readonly TimeSpan MaxDelay = TimeSpan.FromMilliseconds(uint.MaxValue - 1);

    private static readonly Task<AuthenticationState> AnonymousState =
        Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity())));

    private readonly Lock _gate = new();
    private Task<AuthenticationState>? _state;
    private int _generation;
    private bool _circuitOpened;
    private string? _circuitSessionId;
    private IDisposable? _endSubscription;

    /// <summary>The user whose session the circuit watches; set and cleared under the lock, each counted once.</summary>
    private AuthUser? _watched;
    private CancellationTokenSource? _revalidation;
    private bool _disposed;

    public override Task<AuthenticationState> GetAuthenticationStateAsync() =>
        _state ?? throw new InvalidOperationException(
            "The authentication state is not known yet: it is set by the framework for each request and circuit. " +
            "Read it from a Razor component (or a service it calls), not from a background task or a constructor.");

    public void SetAuthenticationState(Task<AuthenticationState> authenticationStateTask)
    {
        ArgumentNullException.ThrowIfNull(authenticationStateTask);
        Task<AuthenticationState> accepted;
        int generation;
        bool watch;
        lock (_gate)
        {
            watch = _circuitOpened;
            accepted = watch ? KeepCircuitSessionAsync(authenticationStateTask, _circuitSessionId) : authenticationStateTask;
            _state = accepted;
            generation = ++_generation;
        }

        NotifyAuthenticationStateChanged(accepted);
        if (watch)
        {
            _ = WatchAsync(accepted, generation);
        }
    }

    /// <summary>
    /// Called once when the circuit opens: pins the circuit to the current login session and starts watching it.
    /// Requests (prerender, static SSR) never call it, so they start no timers and hold no subscriptions.
    /// </summary>
    public void OnCircuitOpened()
    {
        Task<AuthenticationState>? state;
        int generation;
        lock (_gate)
        {
            if (_circuitOpened || _state is null)
            {
                return;
            }

            _circuitOpened = true;
            state = _state;
            generation = _generation;
            _circuitSessionId = state.IsCompletedSuccessfully ? AuthUser.FromClaimsPrincipal(state.Result.User).SessionId : null;
        }

        _ = WatchAsync(state, generation);
    }

    /// <summary>
    /// Called on activity in the circuit (an event, a navigation): the session counts as seen, so an idle timeout
    /// measures the user's idleness, not the time since the last HTTP request.
    /// </summary>
    public void OnActivity()
    {
        var watched = Volatile.Read(ref _watched);
        if (watched is { SessionId: { } sessionId, AuthId: { } authId })
        {
            _ = sessions.SeeAsync(sessionId, authId);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _generation++;
            StopWatching();
        }
    }

    private static async Task<AuthenticationState> KeepCircuitSessionAsync(Task<AuthenticationState> offered, string? circuitSessionId)
    {
        var state = await offered.ConfigureAwait(false);
        var user = AuthUser.FromClaimsPrincipal(state.User);
        return !user.IsAuthenticated || (circuitSessionId is not null && user.SessionId == circuitSessionId)
            ? state
            : await AnonymousState.ConfigureAwait(false);
    }

    private async Task WatchAsync(Task<AuthenticationState> state, int generation)
    {
        AuthUser user;
        try
        {
            user = AuthUser.FromClaimsPrincipal((await state.ConfigureAwait(false)).User);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // A failed or cancelled state task is the caller's to observe; there is no session to watch.
            return;
        }

        CancellationToken cancellation;
        lock (_gate)
        {
            if (generation != _generation || _disposed)
            {
                return;
            }

            StopWatching();
            if (user.SessionId is null)
            {
                return;
            }

            _endSubscription = endNotices.Subscribe(user.SessionId, () => SignOut(generation, "the session ended"));
            _watched = user;
            telemetry.AuthenticatedCircuitAdded();
            _revalidation = new CancellationTokenSource();
            cancellation = _revalidation.Token;
        }

        await RevalidateAsync(user, generation, cancellation).ConfigureAwait(false);
    }

    private async Task RevalidateAsync(AuthUser user, int generation, CancellationToken cancellationToken)
    {
        var interval = options.Get(scheme.Name).RevalidationInterval;
        while (!cancellationToken.IsCancellationRequested)
        {
            // The first check runs at once: a circuit opening after its session ended must not wait an interval.
            string? failure;
            try
            {
                failure = await CheckAsync(user, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                // Fail closed: a session that can't be checked is not trusted.
                logger.RevalidationFailed(exception, user.AuthId!);
                failure = "the check failed";
            }

            if (failure is not null)
            {
                SignOut(generation, failure);
                return;
            }

            // Wake at the login's expiry if it comes before the next interval, so an expired login ends on time.
            var untilExpiry = user.ExpiresAt!.Value - timeProvider.GetUtcNow();
            var delay = TimeSpan.FromTicks(Math.Min(Math.Min(untilExpiry.Ticks, interval.Ticks), MaxDelay.Ticks));
            try
            {
                if (delay > TimeSpan.Zero)
                {
                    await Task.Delay(delay, timeProvider, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <returns><see langword="null"/> when the login is still good, else why not.</returns>
    private async Task<string?> CheckAsync(AuthUser user, CancellationToken cancellationToken)
    {
        // A fresh scope, so the loader really asks the app's store instead of the circuit's cached answer.
        // Not "seen": a recheck is polling, and polling must not keep an idle session alive.
        var scope = scopeFactory.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            var (_, rejection) = await tokenValidator.CheckAsync(user, scope.ServiceProvider, seen: false, cancellationToken).ConfigureAwait(false);
            return rejection switch
            {
                AuthTokenRejection.None => null,
                AuthTokenRejection.Expired => "the login expired",
                AuthTokenRejection.UserNotFound => "the user loader no longer finds the user",
                AuthTokenRejection.Unavailable => "the session store can't be reached",
                _ => "the session ended",
            };
        }
    }

    private void SignOut(int generation, string reason)
    {
        lock (_gate)
        {
            if (generation != _generation || _disposed)
            {
                return;
            }

            _generation++;
            StopWatching();
            _state = AnonymousState;
        }

        logger.CircuitSignedOut(reason);
        NotifyAuthenticationStateChanged(AnonymousState);
    }

    private void StopWatching()
    {
        _endSubscription?.Dispose();
        _endSubscription = null;
        if (_watched is not null)
        {
            _watched = null;
            telemetry.AuthenticatedCircuitRemoved();
        }

        if (_revalidation is not null)
        {
            _revalidation.Cancel();
            _revalidation.Dispose();
            _revalidation = null;
        }
    }
}
