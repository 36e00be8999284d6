using BlazorCookieAuth.AuthState;
using BlazorCookieAuth.Diagnostics;
using BlazorCookieAuth.Tests.TestHost;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorCookieAuth.Tests.Diagnostics;

/// <summary>
/// The authenticated-circuits count follows each circuit's login: up when it opens signed in, down when it turns
/// anonymous or closes, once each, never below zero.
/// </summary>
public class AuthenticatedCircuitMetricsTests
{
    private const string Circuits = AuthTelemetry.AuthenticatedCircuits;

    [Fact]
    public async Task A_signed_in_circuit_is_counted_until_its_session_is_logged_out_and_not_again_when_it_closes()
    {
        await using var app = await TestApp.StartAsync();
        using var metrics = new KitMetrics(app.Services);
        using var browser = app.CreateBrowser();
        await browser.LoginAsync("42");
        var circuit = await OpenCircuitAsync(app, await CookieUserAsync(app, browser));
        await metrics.WaitForAsync(Circuits, 1);
        Assert.Equal(1, metrics.Sum(Circuits));

        await browser.Client.PostAsync("/test/logout", null);
        await metrics.WaitForAsync(Circuits, 2);
        Assert.Equal(0, metrics.Sum(Circuits));

        await circuit.DisposeAsync();
        Assert.Equal(2, metrics.Measurements(Circuits).Count);
        AssertNeverNegative(metrics);
    }

    [Fact]
    public async Task A_signed_in_circuit_that_closes_is_no_longer_counted()
    {
        await using var app = await TestApp.StartAsync();
        using var metrics = new KitMetrics(app.Services);
        using var browser = app.CreateBrowser();
        await browser.LoginAsync("42");
        var user = await CookieUserAsync(app, browser);
        var first = await OpenCircuitAsync(app, user);
        var second = await OpenCircuitAsync(app, user);
        await metrics.WaitForAsync(Circuits, 2);
        Assert.Equal(2, metrics.Sum(Circuits));

        await first.DisposeAsync();
        Assert.Equal(1, metrics.Sum(Circuits));
        await second.DisposeAsync();
        Assert.Equal(0, metrics.Sum(Circuits));
        Assert.Equal("42", await browser.WhoAmIAsync());
        AssertNeverNegative(metrics);
    }

    [Fact]
    public async Task An_anonymous_circuit_is_never_counted()
    {
        await using var app = await TestApp.StartAsync();
        using var metrics = new KitMetrics(app.Services);

        var circuit = await OpenCircuitAsync(app, AuthUser.Anonymous);
        await circuit.DisposeAsync();

        Assert.Empty(metrics.Measurements(Circuits));
    }

    [Fact]
    public async Task A_circuit_handed_its_own_login_again_stays_counted_once_and_one_handed_another_login_turns_anonymous()
    {
        await using var app = await TestApp.StartAsync();
        using var metrics = new KitMetrics(app.Services);
        using var alice = app.CreateBrowser();
        using var mallory = app.CreateBrowser();
        await alice.LoginAsync("42");
        await mallory.LoginAsync("666");
        var circuit = await OpenCircuitAsync(app, await CookieUserAsync(app, alice));
        var provider = (BlazorCookieAuthStateProvider)circuit.ServiceProvider.GetRequiredService<AuthenticationStateProvider>();
        await metrics.WaitForAsync(Circuits, 1);

        // A reconnect with the same cookie: the circuit watches its session anew.
        provider.SetAuthenticationState(StateOf(await CookieUserAsync(app, alice)));
        await metrics.WaitForAsync(Circuits, 3);
        Assert.Equal(1, metrics.Sum(Circuits));

        // A reconnect with another user's cookie: the circuit refuses it and turns anonymous.
        provider.SetAuthenticationState(StateOf(await CookieUserAsync(app, mallory)));
        await metrics.WaitForAsync(Circuits, 4);
        Assert.Equal(0, metrics.Sum(Circuits));
        Assert.False(AuthUser.FromClaimsPrincipal((await provider.GetAuthenticationStateAsync()).User).IsAuthenticated);

        await circuit.DisposeAsync();
        Assert.Equal(4, metrics.Measurements(Circuits).Count);
        AssertNeverNegative(metrics);
    }

    /// <summary>The user a circuit's connection carries: the one its cookie authenticates.</summary>
    private static Task<AuthUser> CookieUserAsync(TestApp app, TestBrowser browser) =>
        app.Services.GetRequiredService<IAuthTokenService>().ValidateTokenAsync(browser.AuthCookie!);

    /// <summary>Opens a circuit as the framework does: its state set from the connection, then the circuit handlers run.</summary>
    private static async Task<AsyncServiceScope> OpenCircuitAsync(TestApp app, AuthUser user)
    {
        var circuit = app.Services.CreateAsyncScope();
        var provider = (BlazorCookieAuthStateProvider)circuit.ServiceProvider.GetRequiredService<AuthenticationStateProvider>();
        provider.SetAuthenticationState(StateOf(user));
        var handler = circuit.ServiceProvider.GetServices<CircuitHandler>().OfType<AuthStateCircuitHandler>().Single();
        await handler.OnCircuitOpenedAsync(null!, CancellationToken.None);
        return circuit;
    }

    private static Task<AuthenticationState> StateOf(AuthUser user) =>
        Task.FromResult(new AuthenticationState(user.ToClaimsPrincipal()));

    private static void AssertNeverNegative(KitMetrics metrics)
    {
        var count = 0L;
        foreach (var measurement in metrics.Measurements(Circuits))
        {
            count += measurement.Value;
            Assert.True(count >= 0, "The authenticated circuits count went below zero.");
        }
    }
}
