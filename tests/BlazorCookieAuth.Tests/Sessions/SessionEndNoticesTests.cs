using BlazorCookieAuth.Tests.TestHost;
using BlazorCookieAuth.Sessions;
using Microsoft.Extensions.Logging.Abstractions;

namespace BlazorCookieAuth.Tests.Sessions;

public sealed class SessionEndNoticesTests
{
    private readonly SessionEndNotices _notices = new(NullLogger<SessionEndNotices>.Instance);

    [Fact]
    public void Every_circuit_of_the_session_hears_its_end_and_no_other()
    {
        var heard = new List<string>();
        using var tab1 = _notices.Subscribe("session-a", () => heard.Add("a1"));
        using var tab2 = _notices.Subscribe("session-a", () => heard.Add("a2"));
        using var other = _notices.Subscribe("session-b", () => heard.Add("b"));

        _notices.Publish("session-a");

        Assert.Equal(["a1", "a2"], heard.Order());
    }

    [Fact]
    public void A_failing_circuit_does_not_keep_the_others_from_hearing()
    {
        var heard = false;
        using var broken = _notices.Subscribe("session-a", () => throw new InvalidOperationException("broken circuit"));
        using var healthy = _notices.Subscribe("session-a", () => heard = true);

        _notices.Publish("session-a");

        Assert.True(heard);
    }

    [Fact]
    public void Unsubscribed_circuits_are_forgotten()
    {
        var heard = 0;
        var tab1 = _notices.Subscribe("session-a", () => heard++);
        var tab2 = _notices.Subscribe("session-a", () => heard++);

        tab1.Dispose();
        tab1.Dispose();
        Assert.Equal(1, _notices.SubscribedSessionCount);
        tab2.Dispose();

        _notices.Publish("session-a");
        Assert.Equal(0, heard);
        Assert.Equal(0, _notices.SubscribedSessionCount);
    }

    [Fact]
    public async Task Subscribing_and_unsubscribing_from_many_threads_leaves_nothing_behind()
    {
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < 2_000; i++)
            {
                _notices.Subscribe("session-" + (i % 3), () => { }).Dispose();
            }
        })));

        Assert.Equal(0, _notices.SubscribedSessionCount);
    }
}
