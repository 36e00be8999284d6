using System.Collections.Concurrent;

namespace BlazorCookieAuth.Passkeys.Ceremonies;

/// <summary>
/// The ids of challenges already answered, as <see cref="MemoryPasskeyStore"/> keeps them for this server alone, each
/// kept until the challenge expires, so that an answer can't be replayed with a copy of the cookie. Bounded: when it is
/// full of unexpired ids, new challenges are refused rather than let through.
/// </summary>
internal sealed class UsedChallenges(TimeProvider timeProvider, int capacity = UsedChallenges.DefaultCapacity)
{
    /// <summary>Enough for thousands of sign-ins a minute over a five-minute challenge lifetime.</summary>
    public const int DefaultCapacity = 100_000;

    private readonly ConcurrentDictionary<string, long> _expiresAtById = new(StringComparer.Ordinal);

    /// <summary>Marks a challenge used.</summary>
    /// <param name="id">The challenge's id.</param>
    /// <param name="expiresAt">When the challenge expires, in Unix milliseconds.</param>
    /// <returns><see langword="false"/> when it was used before, or the list is full: refuse the answer.</returns>
    public bool TryUse(string id, long expiresAt)
    {
        if (_expiresAtById.Count >= capacity)
        {
            ForgetExpired();
            if (_expiresAtById.Count >= capacity)
            {
                return false;
            }
        }

        return _expiresAtById.TryAdd(id, expiresAt);
    }

    private void ForgetExpired()
    {
        var now = timeProvider.GetUtcNow().ToUnixTimeMilliseconds();
        foreach (var (id, expiresAt) in _expiresAtById)
        {
            if (expiresAt <= now)
            {
                _expiresAtById.TryRemove(id, out _);
            }
        }
    }
}
