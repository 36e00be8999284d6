using System.Buffers.Binary;
using System.Formats.Cbor;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;

namespace BlazorCookieAuth.Tests.Shared;

/// <summary>
/// A passkey authenticator in software, for tests: it answers WebAuthn's <c>navigator.credentials.create</c> and
/// <c>get</c> as a browser would pass them on, in the JSON a page posts (base64url fields), with real ES256 keys
/// (ECDSA P-256, SHA-256). Attestation is <c>none</c>, as passkey providers give. Each answer can be bent for a test:
/// another origin or relying party, no user verification, a sign count of one's choice, another user handle.
/// </summary>
internal sealed class SoftwareAuthenticator : IDisposable
{
    private const byte UserPresent = 0x01;
    private const byte UserVerified = 0x04;
    private const byte BackupEligible = 0x08;
    private const byte BackedUp = 0x10;
    private const byte AttestedCredentialData = 0x40;

    private readonly List<Credential> _credentials = [];

    /// <summary>The credentials this authenticator holds, newest last.</summary>
    public IReadOnlyList<Credential> Credentials => _credentials;

    /// <summary>Whether new credentials are synced passkeys (backup eligible and backed up), which keep a sign count of 0.</summary>
    public bool Synced { get; init; }

    /// <summary>Answers the options of a registration ceremony (the server's <c>PublicKeyCredentialCreationOptions</c> as JSON).</summary>
    /// <param name="options">The options as the server sent them.</param>
    /// <param name="origin">The page's origin, such as <c>http://localhost:5000</c>.</param>
    /// <param name="bend">Changes to the answer, for tests of what the server must refuse.</param>
    /// <returns>The <c>PublicKeyCredential</c> as a page posts it.</returns>
    public JsonObject Create(JsonNode options, string origin, Bend? bend = null)
    {
        bend ??= new Bend();
        var challenge = options["challenge"]!.GetValue<string>();
        var rpId = bend.RpId ?? options["rp"]?["id"]?.GetValue<string>() ?? new Uri(origin).Host;
        var userHandle = WebEncoders.Base64UrlDecode(options["user"]!["id"]!.GetValue<string>());
        var credential = new Credential(RandomNumberGenerator.GetBytes(32), ECDsa.Create(ECCurve.NamedCurves.nistP256), userHandle, rpId);
        _credentials.Add(credential);

        var clientData = ClientData("webauthn.create", challenge, bend.Origin ?? origin);
        var authenticatorData = AuthenticatorData(rpId, (byte)(Flags(bend) | AttestedCredentialData), bend.SignCount ?? 0, credential);
        var attestation = new CborWriter();
        attestation.WriteStartMap(3);
        attestation.WriteTextString("fmt");
        attestation.WriteTextString("none");
        attestation.WriteTextString("attStmt");
        attestation.WriteStartMap(0);
        attestation.WriteEndMap();
        attestation.WriteTextString("authData");
        attestation.WriteByteString(authenticatorData);
        attestation.WriteEndMap();

        var id = WebEncoders.Base64UrlEncode(credential.Id);
        return new JsonObject
        {
            ["id"] = id,
            ["rawId"] = id,
            ["type"] = "public-key",
            ["response"] = new JsonObject
            {
                ["clientDataJSON"] = WebEncoders.Base64UrlEncode(clientData),
                ["attestationObject"] = WebEncoders.Base64UrlEncode(attestation.Encode()),
                ["transports"] = new JsonArray("internal"),
            },
            ["clientExtensionResults"] = new JsonObject(),
        };
    }

    /// <summary>
    /// Answers the options of a sign-in ceremony (the server's <c>PublicKeyCredentialRequestOptions</c> as JSON) with
    /// <paramref name="credential"/>, or the newest credential for the options' relying party.
    /// </summary>
    public JsonObject Get(JsonNode options, string origin, Credential? credential = null, Bend? bend = null)
    {
        bend ??= new Bend();
        var challenge = options["challenge"]!.GetValue<string>();
        var askedRpId = options["rpId"]?.GetValue<string>() ?? new Uri(origin).Host;
        var rpId = bend.RpId ?? askedRpId;
        credential ??= _credentials.Last(c => c.RpId == askedRpId);
        var signCount = bend.SignCount ?? (Synced ? 0 : ++credential.SignCount);

        var clientData = ClientData("webauthn.get", challenge, bend.Origin ?? origin);
        var authenticatorData = AuthenticatorData(rpId, Flags(bend), signCount, attested: null);
        var signed = authenticatorData.Concat(SHA256.HashData(clientData)).ToArray();
        var signature = credential.Key.SignData(signed, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);

        var id = WebEncoders.Base64UrlEncode(credential.Id);
        return new JsonObject
        {
            ["id"] = id,
            ["rawId"] = id,
            ["type"] = "public-key",
            ["response"] = new JsonObject
            {
                ["clientDataJSON"] = WebEncoders.Base64UrlEncode(clientData),
                ["authenticatorData"] = WebEncoders.Base64UrlEncode(authenticatorData),
                ["signature"] = WebEncoders.Base64UrlEncode(signature),
                ["userHandle"] = WebEncoders.Base64UrlEncode(bend.UserHandle ?? credential.UserHandle),
            },
            ["clientExtensionResults"] = new JsonObject(),
        };
    }

    public void Dispose()
    {
        foreach (var credential in _credentials)
        {
            credential.Key.Dispose();
        }
    }

    private byte Flags(Bend bend)
    {
        var flags = (byte)(bend.UserPresent ? UserPresent : 0);
        flags |= bend.UserVerified ? UserVerified : (byte)0;
        flags |= Synced ? (byte)(BackupEligible | BackedUp) : (byte)0;
        return flags;
    }

    private static byte[] ClientData(string type, string challenge, string origin) =>
        JsonSerializer.SerializeToUtf8Bytes(new JsonObject
        {
            ["type"] = type,
            ["challenge"] = challenge,
            ["origin"] = origin,
            ["crossOrigin"] = false,
        });

    /// <summary>rpIdHash, flags, sign count, and for a new credential its id and public key (WebAuthn § 6.1).</summary>
    private static byte[] AuthenticatorData(string rpId, byte flags, uint signCount, Credential? attested)
    {
        var data = new List<byte>(SHA256.HashData(Encoding.UTF8.GetBytes(rpId))) { flags };
        Span<byte> count = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(count, signCount);
        data.AddRange(count.ToArray());
        if (attested is not null)
        {
            data.AddRange(new byte[16]); // AAGUID: none, as software and synced passkeys often give
            Span<byte> length = stackalloc byte[2];
            BinaryPrimitives.WriteUInt16BigEndian(length, (ushort)attested.Id.Length);
            data.AddRange(length.ToArray());
            data.AddRange(attested.Id);
            data.AddRange(attested.CosePublicKey());
        }

        return [.. data];
    }

    /// <summary>One credential: its id, private key, the user handle it was made for, and its relying party.</summary>
    internal sealed class Credential(byte[] id, ECDsa key, byte[] userHandle, string rpId)
    {
        public byte[] Id { get; } = id;

        public ECDsa Key { get; } = key;

        public byte[] UserHandle { get; } = userHandle;

        public string RpId { get; } = rpId;

        /// <summary>The count the authenticator last signed; each sign-in adds one (not for synced passkeys).</summary>
        public uint SignCount { get; set; }

        /// <summary>The public key as COSE_Key (RFC 9052): EC2, ES256 (-7), P-256, x and y.</summary>
        public byte[] CosePublicKey()
        {
            var point = Key.ExportParameters(includePrivateParameters: false).Q;
            var cose = new CborWriter();
            cose.WriteStartMap(5);
            cose.WriteInt32(1);
            cose.WriteInt32(2);
            cose.WriteInt32(3);
            cose.WriteInt32(-7);
            cose.WriteInt32(-1);
            cose.WriteInt32(1);
            cose.WriteInt32(-2);
            cose.WriteByteString(point.X!);
            cose.WriteInt32(-3);
            cose.WriteByteString(point.Y!);
            cose.WriteEndMap();
            return cose.Encode();
        }
    }

    /// <summary>What a test changes in an answer; by default a faithful one, with user verification.</summary>
    internal sealed record Bend
    {
        public string? Origin { get; init; }

        public string? RpId { get; init; }

        public bool UserPresent { get; init; } = true;

        public bool UserVerified { get; init; } = true;

        public uint? SignCount { get; init; }

        public byte[]? UserHandle { get; init; }
    }
}
