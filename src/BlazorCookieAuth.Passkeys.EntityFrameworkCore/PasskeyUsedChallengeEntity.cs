namespace BlazorCookieAuth.Passkeys.EntityFrameworkCore;

/// <summary>
/// A row of the used challenges table: a ceremony's challenge that was answered, kept until it expires, so that no
/// server takes a second answer to it. Its id is the key, so of two servers taking one challenge only one inserts it.
/// </summary>
internal sealed class PasskeyUsedChallengeEntity
{
    /// <summary>The longest challenge id: 16 random bytes are 22 base64url characters; room is left for more.</summary>
    public const int MaxIdLength = 64;

    public string Id { get; set; } = string.Empty;

    /// <summary>When the challenge expires, in Unix milliseconds.</summary>
    public long ExpiresAt { get; set; }
}
