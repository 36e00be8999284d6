using Fido2NetLib;

namespace BlazorCookieAuth.Passkeys.Endpoints;

/// <summary>The body of <c>POST {prefix}/passkeys/signin</c>.</summary>
internal sealed class PasskeySignInRequest
{
    /// <summary>The browser's answer to <c>navigator.credentials.get</c>, as <c>PublicKeyCredential.toJSON()</c> writes it.</summary>
    public AuthenticatorAssertionRawResponse? Credential { get; init; }

    /// <summary>Whether the login outlives the browser.</summary>
    public bool Remember { get; init; }

    /// <summary>Where to go after signing in: a local URL.</summary>
    public string? ReturnUrl { get; init; }
}

/// <summary>The body of <c>POST {prefix}/passkeys/register</c>.</summary>
internal sealed class PasskeyRegistrationRequest
{
    /// <summary>The browser's answer to <c>navigator.credentials.create</c>, as <c>PublicKeyCredential.toJSON()</c> writes it.</summary>
    public AuthenticatorAttestationRawResponse? Credential { get; init; }

    /// <summary>The name the user gives the passkey.</summary>
    public string? Name { get; init; }
}

/// <summary>The body of <c>POST {prefix}/passkeys/rename</c> and <c>POST {prefix}/passkeys/remove</c>.</summary>
internal sealed class PasskeyChangeRequest
{
    /// <summary>The passkey's credential id, base64url-encoded, as the list gives it.</summary>
    public string? Id { get; init; }

    /// <summary>For a rename, the new name.</summary>
    public string? Name { get; init; }
}

/// <summary>A passkey as the list shows it to its owner.</summary>
internal sealed class PasskeyInfo
{
    /// <summary>The credential id, base64url-encoded.</summary>
    public required string Id { get; init; }

    /// <summary>The name the user gave it.</summary>
    public required string Name { get; init; }

    /// <summary>When it was registered.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When it last signed in, if it did.</summary>
    public DateTimeOffset? LastUsedAt { get; init; }

    /// <summary>Whether it is synced to the user's other devices.</summary>
    public bool IsBackedUp { get; init; }

    /// <summary>Whether it may be synced.</summary>
    public bool IsBackupEligible { get; init; }
}
