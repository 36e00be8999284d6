using BlazorCookieAuth.Tests.Shared;
using BlazorCookieAuth.Tests.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorCookieAuth.Tests.AuthState;

public sealed class BlazorCookieAuthStateProviderTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Keeps_the_user_it_was_given_for_the_request()
    {
        await using var kit = new KitServices();
        var alice = await kit.LogInAsync("alice");

        kit.Provider.SetAuthenticationState(KitServices.StateOf(alice));

        var current = await kit.CurrentUserAsync();
        Assert.Equal("alice", current.AuthId);
        Assert.Equal(alice.SessionId, current.SessionId);
    }

    [Fact]
    public async Task A_session_ended_on_another_server_turns_the_circuit_anonymous_at_the_next_revalidation()
    {
        await using var kit = new KitServices();
        var alice = await kit.LogInAsync("alice");
        kit.Provider.SetAuthenticationState(KitServices.StateOf(alice));
        kit.Provider.OnCircuitOpened();

        // Removed from the store only (as by another server), so no notice reaches this circuit.
        await kit.SessionStore.RemoveAsync(alice.SessionId!);
        kit.Clock.Advance(Interval - TimeSpan.FromSeconds(1));
        Assert.True((await kit.CurrentUserAsync()).IsAuthenticated);

        var next = kit.NextStateAsync();
        kit.Clock.Advance(TimeSpan.FromSeconds(1));

        Assert.False((await next).IsAuthenticated);
        Assert.False((await kit.CurrentUserAsync()).IsAuthenticated);
    }

    [Fact]
    public async Task Active_session_stays_signed_in_across_revalidations()
    {
        var directory = new TestUserDirectory();
        await using var kit = new KitServices(builder: b =>
        {
            b.Services.AddSingleton(directory);
            b.AddUserLoader<TestUser, TestUserLoader>();
        });
        var alice = await kit.LogInAsync("alice");
        kit.Provider.SetAuthenticationState(KitServices.StateOf(alice));
        kit.Provider.OnCircuitOpened();

        // Time moves on only once the circuit waits again, its next timer started: checked at once, then each interval.
        await KitServices.WaitUntilAsync(() => kit.Clock.TimersStarted(Interval) == 1);
        for (var i = 1; i <= 3; i++)
        {
            kit.Clock.Advance(Interval);
            await KitServices.WaitUntilAsync(() => kit.Clock.TimersStarted(Interval) == 1 + i);
        }

        Assert.Equal(4, directory.Loads);
        Assert.Equal("alice", (await kit.CurrentUserAsync()).AuthId);
    }

    [Fact]
    public async Task Expired_login_turns_the_circuit_anonymous_at_its_expiry()
    {
        await using var kit = new KitServices(o =>
        {
            o.Duration = TimeSpan.FromSeconds(45);
            o.RevalidationInterval = TimeSpan.FromMinutes(10);
        });
        var alice = await kit.LogInAsync("alice");
        kit.Provider.SetAuthenticationState(KitServices.StateOf(alice));
        kit.Provider.OnCircuitOpened();

        var next = kit.NextStateAsync();
        kit.Clock.Advance(TimeSpan.FromSeconds(45));

        Assert.False((await next).IsAuthenticated);
    }

    [Fact]
    public async Task User_the_loader_no_longer_finds_is_signed_out_at_the_next_revalidation()
    {
        var directory = new TestUserDirectory();
        await using var kit = new KitServices(builder: b =>
        {
            b.Services.AddSingleton(directory);
            b.AddUserLoader<TestUser, TestUserLoader>();
        });
        var alice = await kit.LogInAsync("alice");
        kit.Provider.SetAuthenticationState(KitServices.StateOf(alice));
        kit.Provider.OnCircuitOpened();
        await KitServices.WaitUntilAsync(() => kit.Clock.TimersStarted(Interval) == 1);
        Assert.Equal(1, directory.Loads);
        Assert.True((await kit.CurrentUserAsync()).IsAuthenticated);

        directory.Deleted.Add("alice");
        var next = kit.NextStateAsync();
        kit.Clock.Advance(Interval);

        Assert.False((await next).IsAuthenticated);
    }

    [Fact]
    public async Task Logout_notification_turns_the_circuit_anonymous_at_once_without_waiting_for_revalidation()
    {
        await using var kit = new KitServices();
        var alice = await kit.LogInAsync("alice");
        kit.Provider.SetAuthenticationState(KitServices.StateOf(alice));
        kit.Provider.OnCircuitOpened();
        var next = kit.NextStateAsync();

        kit.EndNotices.Publish(alice.SessionId!);

        Assert.False((await next).IsAuthenticated);
        Assert.Equal(0, kit.EndNotices.SubscribedSessionCount);
    }

    [Fact]
    public async Task Logout_of_another_session_leaves_the_circuit_signed_in()
    {
        await using var kit = new KitServices();
        var alice = await kit.LogInAsync("alice");
        var aliceOnAnotherDevice = await kit.LogInAsync("alice");
        kit.Provider.SetAuthenticationState(KitServices.StateOf(alice));
        kit.Provider.OnCircuitOpened();

        kit.EndNotices.Publish(aliceOnAnotherDevice.SessionId!);

        Assert.Equal(alice.SessionId, (await kit.CurrentUserAsync()).SessionId);
    }

    [Fact]
    public async Task A_request_scope_holds_no_subscription_or_timer()
    {
        await using var kit = new KitServices();
        var alice = await kit.LogInAsync("alice");

        kit.Provider.SetAuthenticationState(KitServices.StateOf(alice));
        kit.EndNotices.Publish(alice.SessionId!);

        Assert.Equal(0, kit.EndNotices.SubscribedSessionCount);
        Assert.Equal("alice", (await kit.CurrentUserAsync()).AuthId);
    }

    [Fact]
    public async Task Ending_the_circuit_unsubscribes_it()
    {
        await using var kit = new KitServices();
        var alice = await kit.LogInAsync("alice");
        kit.Provider.SetAuthenticationState(KitServices.StateOf(alice));
        kit.Provider.OnCircuitOpened();
        Assert.Equal(1, kit.EndNotices.SubscribedSessionCount);

        await kit.Scope.DisposeAsync();

        Assert.Equal(0, kit.EndNotices.SubscribedSessionCount);
    }

    [Fact]
    public async Task Reconnecting_with_another_users_cookie_turns_the_circuit_anonymous_instead_of_switching_users()
    {
        await using var kit = new KitServices();
        var alice = await kit.LogInAsync("alice");
        var bob = await kit.LogInAsync("bob");
        kit.Provider.SetAuthenticationState(KitServices.StateOf(alice));
        kit.Provider.OnCircuitOpened();

        kit.Provider.SetAuthenticationState(KitServices.StateOf(bob));

        Assert.False((await kit.CurrentUserAsync()).IsAuthenticated);
        Assert.Equal(0, kit.EndNotices.SubscribedSessionCount);
    }

    [Fact]
    public async Task Reconnecting_with_the_same_session_keeps_the_user()
    {
        await using var kit = new KitServices();
        var alice = await kit.LogInAsync("alice");
        kit.Provider.SetAuthenticationState(KitServices.StateOf(alice));
        kit.Provider.OnCircuitOpened();

        kit.Provider.SetAuthenticationState(KitServices.StateOf(alice));

        Assert.Equal(alice.SessionId, (await kit.CurrentUserAsync()).SessionId);
        await KitServices.WaitUntilAsync(() => kit.EndNotices.SubscribedSessionCount == 1);
    }

    [Fact]
    public async Task Circuit_opened_anonymous_does_not_become_a_user_on_reconnect()
    {
        await using var kit = new KitServices();
        var alice = await kit.LogInAsync("alice");
        kit.Provider.SetAuthenticationState(KitServices.StateOf(AuthUser.Anonymous));
        kit.Provider.OnCircuitOpened();

        kit.Provider.SetAuthenticationState(KitServices.StateOf(alice));

        Assert.False((await kit.CurrentUserAsync()).IsAuthenticated);
    }

    [Fact]
    public async Task Reading_the_state_before_the_framework_set_it_explains_the_mistake()
    {
        await using var kit = new KitServices();

        var provider = kit.Provider;

        var error = Assert.Throws<InvalidOperationException>(() => { _ = provider.GetAuthenticationStateAsync(); });

        Assert.Contains("Razor component", error.Message, StringComparison.Ordinal);
    }
}
