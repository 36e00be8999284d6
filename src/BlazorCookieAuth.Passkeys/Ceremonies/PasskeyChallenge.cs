namespace BlazorCookieAuth.Passkeys.Ceremonies;

/// <summary>
/// A ceremony in progress, as the browser keeps it in a protected cookie between the options and the answer.
/// </summary>
internal sealed record PasskeyChallenge
{
    /// <summary>Names this challenge in the list of used ones, so that it is good once.</summary>
    public required string Id { get; init; }

    /// <summary>The ceremony the challenge was made for.</summary>
    public required PasskeyCeremony Ceremony { get; init; }

    /// <summary>The random bytes the authenticator signs.</summary>
    public required byte[] Challenge { get; init; }

    /// <summary>When the challenge stops being good, in Unix milliseconds.</summary>
    public required long ExpiresAt { get; init; }

    /// <summary>For a registration, the auth id of the signed-in user who asked for it.</summary>
    public string? AuthId { get; init; }

    /// <summary>For a registration, that user's WebAuthn user handle.</summary>
    public byte[]? UserHandle { get; init; }
}
