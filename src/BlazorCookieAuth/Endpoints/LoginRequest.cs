using System.Text.Json.Serialization;

namespace BlazorCookieAuth.Endpoints;

/// <summary>The body of a JSON login or logout request.</summary>
internal sealed class LoginRequest
{
    [JsonPropertyName("username")]
    public string? Username { get; set; }

    [JsonPropertyName("password")]
    public string? Password { get; set; }

    [JsonPropertyName("remember")]
    public bool Remember { get; set; }

    [JsonPropertyName("returnUrl")]
    public string? ReturnUrl { get; set; }
}

[JsonSerializable(typeof(LoginRequest))]
[JsonSerializable(typeof(AuthEndpointResponse))]
internal sealed partial class AuthEndpointJsonContext : JsonSerializerContext;

/// <summary>The body of a JSON answer from the login and logout endpoints.</summary>
internal sealed class AuthEndpointResponse
{
    [JsonPropertyName("authenticated")]
    public bool Authenticated { get; set; }

    [JsonPropertyName("authId")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? AuthId { get; set; }

    [JsonPropertyName("returnUrl")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ReturnUrl { get; set; }

    [JsonPropertyName("error")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Error { get; set; }
}
