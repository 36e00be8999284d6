using BlazorCookieAuth.Tests.TestHost;

namespace BlazorCookieAuth.Tests.AuthState;

public sealed class CircuitActivityTests
{
    private static readonly TimeSpan IdleTimeout = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Activity_in_the_circuit_a_minute_after_login_writes_the_sessions_last_seen_time()
    {
        await using var kit = Start();
        var alice = await OpenCircuitAsync(kit);
        var loggedInAt = kit.Clock.GetUtcNow();

        kit.Clock.Advance(TimeSpan.FromMinutes(1));
        kit.Provider.OnActivity();

        await KitServices.WaitUntilAsync(() => LastSeenAt(kit, alice) > loggedInAt);
        Assert.Equal(kit.Clock.GetUtcNow(), LastSeenAt(kit, alice));
    }

    [Fact]
    public async Task Revalidation_alone_never_writes_the_last_seen_time_so_an_idle_circuit_is_signed_out_after_the_idle_timeout()
    {
        await using var kit = Start();
        var alice = await OpenCircuitAsync(kit);
        var loggedInAt = kit.Clock.GetUtcNow();

        for (var check = 1; check < IdleTimeout / Interval; check++)
        {
            await AdvanceToNextCheckAsync(kit, check);
            Assert.Equal(loggedInAt, LastSeenAt(kit, alice));
            Assert.True((await kit.CurrentUserAsync()).IsAuthenticated);
        }

        var next = kit.NextStateAsync();
        kit.Clock.Advance(Interval);

        Assert.False((await next).IsAuthenticated);
    }

    [Fact]
    public async Task A_circuit_with_activity_every_few_minutes_stays_signed_in_past_the_idle_timeout()
    {
        await using var kit = Start();
        var alice = await OpenCircuitAsync(kit);

        for (var check = 1; check <= 2 * IdleTimeout / Interval; check++)
        {
            await AdvanceToNextCheckAsync(kit, check);
            if (check % 6 == 0)
            {
                var now = kit.Clock.GetUtcNow();
                kit.Provider.OnActivity();
                await KitServices.WaitUntilAsync(() => LastSeenAt(kit, alice) == now);
            }
        }

        Assert.Equal(alice.SessionId, (await kit.CurrentUserAsync()).SessionId);
    }

    private static KitServices Start() =>
        new(o =>
        {
            o.IdleTimeout = IdleTimeout;
            o.RevalidationInterval = Interval;
        });

    /// <summary>Logs alice in and opens her circuit; returns once its first check has run and it waits for the next.</summary>
    private static async Task<AuthUser> OpenCircuitAsync(KitServices kit)
    {
        var alice = await kit.LogInAsync("alice");
        kit.Provider.SetAuthenticationState(KitServices.StateOf(alice));
        kit.Provider.OnCircuitOpened();
        await KitServices.WaitUntilAsync(() => kit.Clock.TimersStarted(Interval) == 1);
        return alice;
    }

    /// <summary>Moves time to the circuit's next check and returns once that check has run and the circuit waits again.</summary>
    private static async Task AdvanceToNextCheckAsync(KitServices kit, int check)
    {
        kit.Clock.Advance(Interval);
        await KitServices.WaitUntilAsync(() => kit.Clock.TimersStarted(Interval) == 1 + check);
    }

    private static DateTimeOffset LastSeenAt(KitServices kit, AuthUser user) =>
        kit.SessionStore.FindAsync(user.SessionId!).AsTask().GetAwaiter().GetResult()!.LastSeenAt;
}
