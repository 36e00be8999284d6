using BlazorCookieAuth.Tests.Shared;
using BlazorCookieAuth.AuthState;
using BlazorCookieAuth.Sessions;
using BlazorCookieAuth.Tokens;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorCookieAuth.Tests.TestHost;

/// <summary>The kit's real services on a fake clock, with one scope standing in for a circuit.</summary>
internal sealed class KitServices : IAsyncDisposable
{
    private readonly ServiceProvider _root;

    public KitServices(Action<BlazorCookieAuthOptions>? configure = null, Action<BlazorCookieAuthBuilder>? builder = null)
    {
        var collection = new ServiceCollection();
        collection.AddLogging();
        collection.AddSingleton<TimeProvider>(Clock);
        var kit = collection.AddBlazorCookieAuth(configure ?? (_ => { }));
        collection.AddSingleton<IDataProtectionProvider, EphemeralDataProtectionProvider>();
        builder?.Invoke(kit);
        _root = collection.BuildServiceProvider(validateScopes: true);
        Scope = _root.CreateAsyncScope();
    }

    public TestClock Clock { get; } = new(new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero));

    public AsyncServiceScope Scope { get; }

    public BlazorCookieAuthStateProvider Provider => (BlazorCookieAuthStateProvider)Scope.ServiceProvider.GetRequiredService<AuthenticationStateProvider>();

    public SessionEndNotices EndNotices => _root.GetRequiredService<SessionEndNotices>();

    public IAuthSessionStore SessionStore => _root.GetRequiredService<IAuthSessionStore>();

    public IAuthSessionManager SessionManager => _root.GetRequiredService<IAuthSessionManager>();

    /// <summary>Logs <paramref name="authId"/> in as the cookie would carry it: with a session in the store, its id and expiry.</summary>
    public async Task<AuthUser> LogInAsync(string authId)
    {
        var session = await _root.GetRequiredService<AuthSessions>()
            .StartAsync(authId, persistent: true, expiresCap: null, client: null, data: null, replacesOwnSession: false, credentialsCheckedAt: null, credential: null, CancellationToken.None);
        return AuthTokenService.Issue(new AuthUser(authId), session, session.CreatedAt, browserSecret: null).User;
    }

    public static Task<AuthenticationState> StateOf(AuthUser user) =>
        Task.FromResult(new AuthenticationState(user.ToClaimsPrincipal()));

    public async Task<AuthUser> CurrentUserAsync() =>
        AuthUser.FromClaimsPrincipal((await Provider.GetAuthenticationStateAsync()).User);

    /// <summary>Completes with the next state the provider announces.</summary>
    public Task<AuthUser> NextStateAsync()
    {
        var next = new TaskCompletionSource<AuthUser>(TaskCreationOptions.RunContinuationsAsynchronously);
        var provider = Provider;
        void OnChanged(Task<AuthenticationState> state)
        {
            provider.AuthenticationStateChanged -= OnChanged;
            _ = state.ContinueWith(t => next.TrySetResult(AuthUser.FromClaimsPrincipal(t.Result.User)), TaskScheduler.Default);
        }

        provider.AuthenticationStateChanged += OnChanged;

        // A generous bound that only matters when the code under test is broken; passing runs never wait on it.
        return next.Task.WaitAsync(TimeSpan.FromSeconds(10));
    }

    /// <summary>Waits for work that a fake-clock tick or a circuit started on the thread pool; bounded so a bug fails instead of hanging.</summary>
    public static Task WaitUntilAsync(Func<bool> condition) => WaitUntilAsync(() => Task.FromResult(condition()));

    /// <inheritdoc cref="WaitUntilAsync(Func{bool})"/>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition did not become true.");
            await Task.Delay(10);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Scope.DisposeAsync();
        await _root.DisposeAsync();
    }
}
