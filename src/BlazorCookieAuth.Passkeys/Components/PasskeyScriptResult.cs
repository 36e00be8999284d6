namespace BlazorCookieAuth.Passkeys.Components;

/// <summary>What a call of the package's script answers: success, or the refusal to show the user.</summary>
internal sealed class PasskeyScriptResult
{
    /// <summary>Whether the call succeeded.</summary>
    public bool Ok { get; set; }

    /// <summary>The HTTP status of a refusal; 0 when the browser refused (such as a closed prompt).</summary>
    public int Status { get; set; }

    /// <summary>The kit's error code, such as <c>fresh_login_required</c>, or <c>cancelled</c> for a closed prompt.</summary>
    public string? Error { get; set; }

    /// <summary>What went wrong, for the user.</summary>
    public string? Message { get; set; }

    /// <summary>The user's passkeys, for a list call.</summary>
    public IReadOnlyList<PasskeyEntry>? Passkeys { get; set; }
}

/// <summary>A passkey as <c>GET {prefix}/passkeys</c> lists it.</summary>
internal sealed class PasskeyEntry
{
    /// <summary>The credential id, base64url-encoded.</summary>
    public string Id { get; set; } = string.Empty;

    /// <summary>The name the user gave it.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>When it was registered.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When it last signed in, if it did.</summary>
    public DateTimeOffset? LastUsedAt { get; set; }

    /// <summary>Whether it is synced to the user's other devices.</summary>
    public bool IsBackedUp { get; set; }

    /// <summary>Whether it may be synced.</summary>
    public bool IsBackupEligible { get; set; }
}
