namespace BlazorCookieAuth.Passkeys.EntityFrameworkCore;

/// <summary>
/// A row of the passkeys table. Times are Unix milliseconds and the counter a plain integer, as in the sessions table,
/// so every provider compares them alike. The key is a number of the table's own: the credential id, up to 1023 bytes,
/// is too long for some databases' primary keys, and has a unique index instead.
/// </summary>
internal sealed class PasskeyEntity
{
    /// <summary>The longest credential id WebAuthn allows (§ 6.5.1, credentialIdLength).</summary>
    public const int MaxCredentialIdLength = 1023;

    /// <summary>Room for every transport WebAuthn names, each once, separated by spaces.</summary>
    public const int MaxTransportsLength = 256;

    public long Id { get; set; }

    public byte[] CredentialId { get; set; } = [];

    public string AuthId { get; set; } = string.Empty;

    public byte[] PublicKey { get; set; } = [];

    public long SignCount { get; set; }

    public string Name { get; set; } = string.Empty;

    public long CreatedAt { get; set; }

    public long? LastUsedAt { get; set; }

    public bool IsBackupEligible { get; set; }

    public bool IsBackedUp { get; set; }

    /// <summary><see cref="StoredPasskey.Transports"/>, separated by spaces: WebAuthn's transport names have none.</summary>
    public string Transports { get; set; } = string.Empty;

    public Guid AaGuid { get; set; }

    public static PasskeyEntity From(StoredPasskey passkey) => new()
    {
        CredentialId = passkey.CredentialId.ToArray(),
        AuthId = passkey.AuthId,
        PublicKey = passkey.PublicKey.ToArray(),
        SignCount = passkey.SignCount,
        Name = passkey.Name,
        CreatedAt = passkey.CreatedAt.ToUnixTimeMilliseconds(),
        LastUsedAt = passkey.LastUsedAt?.ToUnixTimeMilliseconds(),
        IsBackupEligible = passkey.IsBackupEligible,
        IsBackedUp = passkey.IsBackedUp,
        Transports = string.Join(' ', passkey.Transports),
        AaGuid = passkey.AaGuid,
    };

    public StoredPasskey ToPasskey() => new()
    {
        CredentialId = CredentialId,
        AuthId = AuthId,
        PublicKey = PublicKey,
        SignCount = (uint)SignCount,
        Name = Name,
        CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(CreatedAt),
        LastUsedAt = LastUsedAt is { } used ? DateTimeOffset.FromUnixTimeMilliseconds(used) : null,
        IsBackupEligible = IsBackupEligible,
        IsBackedUp = IsBackedUp,
        Transports = Transports.Split(' ', StringSplitOptions.RemoveEmptyEntries),
        AaGuid = AaGuid,
    };
}
