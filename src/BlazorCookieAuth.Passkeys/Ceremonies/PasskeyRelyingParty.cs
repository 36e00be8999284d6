using Fido2NetLib;
using Fido2NetLib.Objects;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace BlazorCookieAuth.Passkeys.Ceremonies;

/// <summary>
/// The relying party a request's ceremony runs for: the FIDO2 library configured with <see cref="PasskeyOptions"/>,
/// or, for what they leave unset, with the request's host and origin. Made per request, because the defaults come
/// from it; the library's <see cref="Fido2"/> is a small object over its configuration.
/// </summary>
internal sealed class PasskeyRelyingParty(IOptions<PasskeyOptions> options)
{
    /// <summary>The signature algorithms a new passkey may use: ES256, EdDSA and RS256, most preferred first.</summary>
    public static readonly IReadOnlyList<PubKeyCredParam> Algorithms = [PubKeyCredParam.ES256, PubKeyCredParam.Ed25519, PubKeyCredParam.RS256];

    /// <summary>The library's configuration for a request.</summary>
    public Fido2Configuration ConfigurationFor(HttpRequest request)
    {
        var value = options.Value;
        var id = value.RelyingPartyId ?? request.Host.Host;
        return new Fido2Configuration
        {
            RPID = id,
            RPName = value.RelyingPartyName ?? id,
            Origins = new HashSet<string>(value.Origins.Count > 0 ? value.Origins : [request.Scheme + "://" + request.Host.Value], StringComparer.OrdinalIgnoreCase),
            Timeout = (uint)value.Timeout.TotalMilliseconds,
            ChallengeSize = 32,
        };
    }

    /// <summary>The library, configured for a request.</summary>
    public IFido2 Fido2For(HttpRequest request) => new Fido2(ConfigurationFor(request));

    /// <summary>
    /// What a registration asks of the authenticator, the same when the options are made and when the answer is
    /// checked: a discoverable credential (so sign-in needs no username), user verification, one of
    /// <see cref="Algorithms"/>, and no attestation.
    /// </summary>
    /// <param name="user">The user, with their WebAuthn user handle as the id.</param>
    /// <param name="existing">The user's passkeys, which the authenticator should not make again.</param>
    public static RequestNewCredentialParams Registration(Fido2User user, IEnumerable<StoredPasskey> existing) => new()
    {
        User = user,
        ExcludeCredentials = [.. existing.Select(p => new PublicKeyCredentialDescriptor(p.CredentialId))],
        AuthenticatorSelection = new AuthenticatorSelection
        {
            ResidentKey = ResidentKeyRequirement.Required,
            UserVerification = UserVerificationRequirement.Required,
        },
        AttestationPreference = AttestationConveyancePreference.None,
        PubKeyCredParams = Algorithms,
    };

    /// <summary>
    /// The assertion options a sign-in runs with, the same when they are made and when the answer is checked: any of
    /// the user's discoverable passkeys, with user verification.
    /// </summary>
    public static GetAssertionOptionsParams SignIn { get; } = new() { UserVerification = UserVerificationRequirement.Required };
}
