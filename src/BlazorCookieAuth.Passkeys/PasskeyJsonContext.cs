using System.Text.Json;
using System.Text.Json.Serialization;
using BlazorCookieAuth.Passkeys.Ceremonies;
using BlazorCookieAuth.Passkeys.Endpoints;

namespace BlazorCookieAuth.Passkeys;

/// <summary>The JSON the passkey endpoints read and write, and the challenge cookie's contents.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(PasskeyChallenge))]
[JsonSerializable(typeof(PasskeySignInRequest))]
[JsonSerializable(typeof(PasskeyRegistrationRequest))]
[JsonSerializable(typeof(PasskeyChangeRequest))]
[JsonSerializable(typeof(PasskeyInfo))]
[JsonSerializable(typeof(IReadOnlyList<PasskeyInfo>))]
internal sealed partial class PasskeyJsonContext : JsonSerializerContext;
