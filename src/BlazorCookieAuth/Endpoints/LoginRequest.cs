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
