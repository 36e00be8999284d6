using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using BlazorCookieAuth.Tests.Shared;
using Fido2NetLib;
using Fido2NetLib.Objects;

namespace BlazorCookieAuth.Passkeys.Tests;

/// <summary>
/// The tests' software authenticator against the FIDO2 library itself: what it answers faithfully is accepted, and
/// each bend is refused for its own reason. The passkey tests rely on both.
/// </summary>
public sealed class SoftwareAuthenticatorTests : IDisposable
{
    private const string Origin = "http://localhost:5000";

    private readonly Fido2 _fido = new(new Fido2Configuration { RPID = "localhost", RPName = "Tests", Origins = new HashSet<string> { Origin } });
    private readonly Fido2User _user = new() { Id = RandomNumberGenerator.GetBytes(32), Name = "alice", DisplayName = "Alice" };
    private readonly SoftwareAuthenticator _authenticator = new();

    [Fact]
    public async Task A_faithful_registration_and_sign_in_are_accepted_and_the_count_goes_up()
    {
        var credential = await RegisterAsync(_authenticator);

        var first = await SignInAsync(credential, storedCount: credential.SignCount);
        var second = await SignInAsync(credential, storedCount: first.SignCount);

        Assert.Equal(1u, first.SignCount);
        Assert.Equal(2u, second.SignCount);
        Assert.False(credential.IsBackupEligible);
    }

    [Fact]
    public async Task A_synced_passkey_is_backup_eligible_and_backed_up_and_keeps_a_zero_count()
    {
        using var synced = new SoftwareAuthenticator { Synced = true };
        var credential = await RegisterAsync(synced);

        var signedIn = await SignInAsync(credential, storedCount: 0, authenticator: synced);

        Assert.True(credential.IsBackupEligible);
        Assert.True(credential.IsBackedUp);
        Assert.Equal(0u, signedIn.SignCount);
    }

    public static TheoryData<string, string> Bends => new()
    {
        { "origin", "origin" },
        { "rp id", "RPID hash" },
        { "user verification", "User Verified flag not set" },
        { "sign count", "SignCount must be greater" },
    };

    [Theory]
    [MemberData(nameof(Bends))]
    public async Task Each_bend_is_refused_by_the_library(string bend, string reason)
    {
        var credential = await RegisterAsync(_authenticator);
        var signedIn = await SignInAsync(credential, storedCount: 0);
        var bent = bend switch
        {
            "origin" => new SoftwareAuthenticator.Bend { Origin = "http://localhost.example" },
            "rp id" => new SoftwareAuthenticator.Bend { RpId = "example.com" },
            "user verification" => new SoftwareAuthenticator.Bend { UserVerified = false },
            _ => new SoftwareAuthenticator.Bend { SignCount = 0 },
        };

        var error = await Assert.ThrowsAsync<Fido2VerificationException>(() => SignInAsync(credential, signedIn.SignCount, bend: bent));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _authenticator.Dispose();

    private async Task<RegisteredPublicKeyCredential> RegisterAsync(SoftwareAuthenticator authenticator)
    {
        var options = _fido.RequestNewCredential(new RequestNewCredentialParams
        {
            User = _user,
            ExcludeCredentials = [],
            AuthenticatorSelection = new AuthenticatorSelection { ResidentKey = ResidentKeyRequirement.Required, UserVerification = UserVerificationRequirement.Required },
            AttestationPreference = AttestationConveyancePreference.None,
            PubKeyCredParams = PubKeyCredParam.Defaults,
        });
        var answer = authenticator.Create(JsonNode.Parse(options.ToJson())!, Origin);
        return await _fido.MakeNewCredentialAsync(new MakeNewCredentialParams
        {
            AttestationResponse = JsonSerializer.Deserialize<AuthenticatorAttestationRawResponse>(answer.ToJsonString())!,
            OriginalOptions = options,
            IsCredentialIdUniqueToUserCallback = (_, _) => Task.FromResult(true),
        });
    }

    private async Task<VerifyAssertionResult> SignInAsync(
        RegisteredPublicKeyCredential credential, uint storedCount, SoftwareAuthenticator? authenticator = null, SoftwareAuthenticator.Bend? bend = null)
    {
        var options = _fido.GetAssertionOptions(new GetAssertionOptionsParams { AllowedCredentials = [], UserVerification = UserVerificationRequirement.Required });
        var answer = (authenticator ?? _authenticator).Get(JsonNode.Parse(options.ToJson())!, Origin, bend: bend);
        return await _fido.MakeAssertionAsync(new MakeAssertionParams
        {
            AssertionResponse = JsonSerializer.Deserialize<AuthenticatorAssertionRawResponse>(answer.ToJsonString())!,
            OriginalOptions = options,
            StoredPublicKey = credential.PublicKey,
            StoredSignatureCounter = storedCount,
            IsUserHandleOwnerOfCredentialIdCallback = (args, _) => Task.FromResult(args.UserHandle.AsSpan().SequenceEqual(_user.Id)),
        });
    }
}
