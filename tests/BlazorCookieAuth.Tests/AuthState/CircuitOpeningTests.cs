using BlazorCookieAuth.Tests.Shared;
using BlazorCookieAuth.Tests.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorCookieAuth.Tests.AuthState;

public sealed class CircuitOpeningTests
{
    private static readonly TimeSpan LongInterval = TimeSpan.FromMinutes(10);

    [Fact]
    public async Task A_circuit_that_opens_after_its_session_was_removed_from_the_store_turns_anonymous_at_once()
    {
        await using var kit = new KitServices(o => o.RevalidationInterval = LongInterval);
        var alice = await kit.LogInAsync("alice");
        kit.Provider.SetAuthenticationState(KitServices.StateOf(alice));

        // Ended by another server between the prerender and the circuit: no notice reaches this one.
        await kit.SessionStore.RemoveAsync(alice.SessionId!);
        var next = kit.NextStateAsync();
        kit.Provider.OnCircuitOpened();

        Assert.False((await next).IsAuthenticated);
        Assert.False((await kit.CurrentUserAsync()).IsAuthenticated);
        Assert.Equal(0, kit.EndNotices.SubscribedSessionCount);
    }

    [Fact]
    public async Task A_circuit_that_opens_after_its_session_was_ended_on_this_server_turns_anonymous_at_once()
    {
        await using var kit = new KitServices(o => o.RevalidationInterval = LongInterval);
        var alice = await kit.LogInAsync("alice");
        kit.Provider.SetAuthenticationState(KitServices.StateOf(alice));

        // The end notice went out before the circuit could hear it.
        Assert.True(await kit.SessionManager.EndSessionAsync("alice", alice.SessionId!));
        var next = kit.NextStateAsync();
        kit.Provider.OnCircuitOpened();

        Assert.False((await next).IsAuthenticated);
    }

    [Fact]
    public async Task A_circuit_that_opens_after_its_user_was_deleted_turns_anonymous_at_once()
    {
        var directory = new TestUserDirectory();
        await using var kit = new KitServices(
            o => o.RevalidationInterval = LongInterval,
            b =>
            {
                b.Services.AddSingleton(directory);
                b.AddUserLoader<TestUser, TestUserLoader>();
            });
        var alice = await kit.LogInAsync("alice");
        kit.Provider.SetAuthenticationState(KitServices.StateOf(alice));

        directory.Deleted.Add("alice");
        var next = kit.NextStateAsync();
        kit.Provider.OnCircuitOpened();

        Assert.False((await next).IsAuthenticated);
    }

    [Fact]
    public async Task A_circuit_checks_a_live_session_as_it_opens_and_stays_signed_in()
    {
        var directory = new TestUserDirectory();
        await using var kit = new KitServices(
            o => o.RevalidationInterval = LongInterval,
            b =>
            {
                b.Services.AddSingleton(directory);
                b.AddUserLoader<TestUser, TestUserLoader>();
            });
        var alice = await kit.LogInAsync("alice");
        kit.Provider.SetAuthenticationState(KitServices.StateOf(alice));

        kit.Provider.OnCircuitOpened();

        await KitServices.WaitUntilAsync(() => directory.Loads == 1);
        Assert.Equal(alice.SessionId, (await kit.CurrentUserAsync()).SessionId);
        Assert.Equal(1, kit.EndNotices.SubscribedSessionCount);
    }
}
