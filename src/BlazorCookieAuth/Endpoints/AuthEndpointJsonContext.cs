using System.Text.Json.Serialization;

namespace BlazorCookieAuth.Endpoints;

/// <summary>Source-generated JSON for the login and logout endpoints (no reflection, trim-safe).</summary>
[JsonSerializable(typeof(LoginRequest))]
[JsonSerializable(typeof(AuthEndpointResponse))]
[JsonSerializable(typeof(ProblemBody))]
internal sealed partial class AuthEndpointJsonContext : JsonSerializerContext;
