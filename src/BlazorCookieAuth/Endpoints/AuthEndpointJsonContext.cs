using System.Text.Json.Serialization;

namespace BlazorCookieAuth.Endpoints;

/// <summary>Source-generated JSON for the login and logout endpoints (no reflection, trim-safe).</summary>
[JsonSerializable(typeof(LoginRequest))]
[JsonSerializable(typeof(LogoutRequest))]
[JsonSerializable(typeof(ReauthenticateRequest))]
[JsonSerializable(typeof(AuthEndpointResponse))]
internal sealed partial class AuthEndpointJsonContext : JsonSerializerContext;
