namespace BlazorCookieAuth.Passkeys;

/// <summary>
/// A passkey as an <see cref="IPasskeyStore"/> keeps it: the public half of a key pair that an authenticator (a phone,
/// a laptop, a security key, a password manager) holds for one user of this site.
/// </summary>
public sealed record StoredPasskey
{
    /// <summary>The most characters a passkey's <see cref="Name"/> may have.</summary>
    public const int MaxNameLength = 64;

    /// <summary>The credential id the authenticator chose, unique across all users.</summary>
    public required byte[] CredentialId { get; init; }

    /// <summary>The auth id of the user the passkey signs in.</summary>
    public required string AuthId { get; init; }

    /// <summary>The credential's public key, COSE-encoded, as the FIDO2 library verified it at registration.</summary>
    public required byte[] PublicKey { get; init; }

    /// <summary>
    /// The authenticator's signature counter at the last sign-in. A later sign-in must report a larger one, unless
    /// the authenticator doesn't count (it reports 0, as synced passkeys do).
    /// </summary>
    public uint SignCount { get; init; }

    /// <summary>The name the user gave the passkey, at most <see cref="MaxNameLength"/> characters.</summary>
    public required string Name { get; init; }

    /// <summary>When the passkey was registered.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the passkey last signed the user in; <see langword="null"/> when it never did.</summary>
    public DateTimeOffset? LastUsedAt { get; init; }

    /// <summary>Whether the authenticator may copy the passkey to the user's other devices (the BE flag).</summary>
    public bool IsBackupEligible { get; init; }

    /// <summary>Whether the passkey was copied to other devices at its last use (the BS flag): a synced passkey.</summary>
    public bool IsBackedUp { get; init; }

    /// <summary>
    /// How the browser can reach the authenticator (<c>internal</c>, <c>hybrid</c>, <c>usb</c>, <c>nfc</c>, <c>ble</c>),
    /// as the browser reported at registration.
    /// </summary>
    public IReadOnlyList<string> Transports { get; init; } = [];

    /// <summary>The authenticator model's AAGUID, or <see cref="Guid.Empty"/> when it doesn't tell.</summary>
    public Guid AaGuid { get; init; }
}
