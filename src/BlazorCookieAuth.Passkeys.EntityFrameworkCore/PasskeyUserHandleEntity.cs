namespace BlazorCookieAuth.Passkeys.EntityFrameworkCore;

/// <summary>
/// A row of the user handles table: the WebAuthn user handle given to a user, one per user and each given once, both
/// held by unique keys so that two first registrations racing agree on one.
/// </summary>
internal sealed class PasskeyUserHandleEntity
{
    /// <summary>The longest user handle WebAuthn allows (§ 5.4.3).</summary>
    public const int MaxHandleLength = 64;

    public string AuthId { get; set; } = string.Empty;

    public byte[] Handle { get; set; } = [];
}
