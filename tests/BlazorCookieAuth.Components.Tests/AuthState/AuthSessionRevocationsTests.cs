using BlazorCookieAuth.AuthState;
using Microsoft.Extensions.Logging.Abstractions;

namespace BlazorCookieAuth.Components.Tests.AuthState;

public sealed class AuthSessionRevocationsTests
{
    private readonly AuthSessionRevocations _revocations = new(NullLogger<AuthSessionRevocations>.Instance);

    [Fact]
    public void Every_circuit_of_the_session_hears_its_revocation_and_no_other()
    {
        var heard = new List<string>();
        using var tab1 = _revocations.Subscribe("session-a", () => heard.Add("a1"));
        using var tab2 = _revocations.Subscribe("session-a", () => heard.Add("a2"));
        using var other = _revocations.Subscribe("session-b", () => heard.Add("b"));

        _revocations.NotifyRevoked("session-a");

        Assert.Equal(["a1", "a2"], heard.Order());
    }

    [Fact]
    public void A_failing_circuit_does_not_keep_the_others_from_hearing()
    {
        var heard = false;
        using var broken = _revocations.Subscribe("session-a", () => throw new InvalidOperationException("broken circuit"));
        using var healthy = _revocations.Subscribe("session-a", () => heard = true);

        _revocations.NotifyRevoked("session-a");

        Assert.True(heard);
    }

    [Fact]
    public void Unsubscribed_circuits_are_forgotten()
    {
        var heard = 0;
        var tab1 = _revocations.Subscribe("session-a", () => heard++);
        var tab2 = _revocations.Subscribe("session-a", () => heard++);

        tab1.Dispose();
        tab1.Dispose();
        Assert.Equal(1, _revocations.SubscribedSessionCount);
        tab2.Dispose();

        _revocations.NotifyRevoked("session-a");
        Assert.Equal(0, heard);
        Assert.Equal(0, _revocations.SubscribedSessionCount);
    }

    [Fact]
    public async Task Subscribing_and_unsubscribing_from_many_threads_leaves_nothing_behind()
    {
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < 2_000; i++)
            {
                _revocations.Subscribe("session-" + (i % 3), () => { }).Dispose();
            }
        })));

        Assert.Equal(0, _revocations.SubscribedSessionCount);
    }
}
