using BlazorCookieAuth.Passkeys.Ceremonies;
using Microsoft.Extensions.Time.Testing;

namespace BlazorCookieAuth.Passkeys.Tests.Ceremonies;

public sealed class UsedChallengesTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2030, 1, 1, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public void An_id_is_used_once()
    {
        var used = new UsedChallenges(_clock);
        var expiresAt = _clock.GetUtcNow().AddMinutes(2).ToUnixTimeMilliseconds();

        Assert.True(used.TryUse("a", expiresAt));
        Assert.False(used.TryUse("a", expiresAt));
        Assert.True(used.TryUse("b", expiresAt));
    }

    [Fact]
    public void When_full_of_unexpired_ids_it_refuses_rather_than_forget_one()
    {
        var used = new UsedChallenges(_clock, capacity: 2);
        var expiresAt = _clock.GetUtcNow().AddMinutes(2).ToUnixTimeMilliseconds();
        used.TryUse("a", expiresAt);
        used.TryUse("b", expiresAt);

        Assert.False(used.TryUse("c", expiresAt));
        Assert.False(used.TryUse("a", expiresAt));
    }

    [Fact]
    public void When_full_it_forgets_the_expired_ids_and_takes_new_ones()
    {
        var used = new UsedChallenges(_clock, capacity: 2);
        var now = _clock.GetUtcNow();
        used.TryUse("a", now.AddMinutes(1).ToUnixTimeMilliseconds());
        used.TryUse("b", now.AddMinutes(3).ToUnixTimeMilliseconds());

        _clock.Advance(TimeSpan.FromMinutes(1));

        Assert.True(used.TryUse("c", now.AddMinutes(4).ToUnixTimeMilliseconds()));
        Assert.False(used.TryUse("b", now.AddMinutes(3).ToUnixTimeMilliseconds()));
    }
}
