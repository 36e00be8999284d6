using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Logging;
using Microsoft.JSInterop;

namespace BlazorCookieAuth.Components.Client;

/// <summary>
/// The authentication state of WebAssembly components: the user the server wrote into the page, for as long as the
/// login holds. While a user is signed in it asks the server's session endpoint every revalidation interval, when
/// the tab is shown again, and when another tab of this browser announces a logout; an ended login, or a check that
/// fails, turns the state anonymous at once, and <c>&lt;RequireLogin&gt;</c> then sends the page to the login page.
/// </summary>
internal sealed class ClientAuthStateProvider : AuthenticationStateProvider, IDisposable, IAsyncDisposable
{
    /// <summary>The kit's JavaScript for WebAssembly pages, relative to the page's base.</summary>
    public const string ModulePath = "./_content/BlazorCookieAuth.Components/blazorcookieauth.js";

    private static readonly Task<AuthenticationState> AnonymousState =
        Task.FromResult(new AuthenticationState(AuthUser.Anonymous.ToClaimsPrincipal()));

    private readonly SessionCheck _check;
    private readonly IJSRuntime _js;
    private readonly ILogger<ClientAuthStateProvider> _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly string? _authId;
    private Task<AuthenticationState> _state;
    private ITimer? _timer;
    private DotNetObjectReference<ClientAuthStateProvider>? _self;
    private IJSObjectReference? _watch;
    private int _checking;
    private int _disposed;

    public ClientAuthStateProvider(
        PersistedAuthState persisted,
        SessionCheck check,
        IJSRuntime js,
        TimeProvider time,
        ILogger<ClientAuthStateProvider> logger)
    {
        _check = check;
        _js = js;
        _logger = logger;
        var user = persisted.State.User?.ToAuthUser() ?? AuthUser.Anonymous;
        _authId = user.AuthId;
        if (_authId is null)
        {
            _state = AnonymousState;
            return;
        }

        _state = Task.FromResult(new AuthenticationState(user.ToClaimsPrincipal()));
        var interval = TimeSpan.FromSeconds(Math.Max(1, persisted.State.RevalidationSeconds));
        _timer = time.CreateTimer(static self => _ = ((ClientAuthStateProvider)self!).CheckAsync(), this, interval, interval);
        _ = WatchAsync();
    }

    public override Task<AuthenticationState> GetAuthenticationStateAsync() => _state;

    /// <summary>Another tab of this browser logged out: the login may have ended.</summary>
    [JSInvokable]
    public Task OnLogoutAnnounced() => CheckAsync();

    /// <summary>The tab is shown again: time may have passed without checks.</summary>
    [JSInvokable]
    public Task OnShown() => CheckAsync();

    /// <summary>Asks the server whether the login holds, and turns the state anonymous when it doesn't.</summary>
    public async Task CheckAsync()
    {
        // A timer or script callback may still arrive after disposal; it must not touch the disposed token source.
        if (ReferenceEquals(_state, AnonymousState) || Volatile.Read(ref _disposed) == 1 || Interlocked.Exchange(ref _checking, 1) == 1)
        {
            return;
        }

        try
        {
            var (outcome, detail) = await _check.CheckAsync(_authId!, _stopping.Token).ConfigureAwait(false);
            if (outcome == SessionCheck.Outcome.Ended)
            {
                _logger.ClientLoginEnded(detail);
                SetAnonymous();
            }
            else if (outcome == SessionCheck.Outcome.Failed)
            {
                _logger.ClientSessionCheckFailed(detail);
                SetAnonymous();
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // The app is going away.
        }
        finally
        {
            Volatile.Write(ref _checking, 0);
        }
    }

    // Registered under two service types, so the container disposes it twice.
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        _stopping.Cancel();
        StopWatching();
        _self?.Dispose();
        _stopping.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        StopWatching();
        await DisposeWatchAsync().ConfigureAwait(false);
        _stopping.Dispose();
    }

    private void SetAnonymous()
    {
        if (ReferenceEquals(_state, AnonymousState))
        {
            return;
        }

        _state = AnonymousState;
        StopWatching();
        NotifyAuthenticationStateChanged(_state);
        _ = DisposeWatchAsync();
    }

    /// <summary>Listens for logouts announced by other tabs, and for the tab being shown again.</summary>
    private async Task WatchAsync()
    {
        try
        {
            await using var module = await _js.InvokeAsync<IJSObjectReference>("import", _stopping.Token, ModulePath).ConfigureAwait(false);
            _self = DotNetObjectReference.Create(this);
            _watch = await module.InvokeAsync<IJSObjectReference>("watchSession", _stopping.Token, _self).ConfigureAwait(false);
        }
        catch (JSException e)
        {
            // Without the script the interval checks still end the login; other tabs' logouts just take longer.
            _logger.ClientScriptNotLoaded(e.Message);
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
        }
    }

    private void StopWatching()
    {
        _timer?.Dispose();
        _timer = null;
    }

    private async Task DisposeWatchAsync()
    {
        var watch = Interlocked.Exchange(ref _watch, null);
        if (watch is not null)
        {
            try
            {
                await watch.InvokeVoidAsync("dispose").ConfigureAwait(false);
                await watch.DisposeAsync().ConfigureAwait(false);
            }
            catch (JSDisconnectedException)
            {
            }
        }

        _self?.Dispose();
        _self = null;
    }
}
