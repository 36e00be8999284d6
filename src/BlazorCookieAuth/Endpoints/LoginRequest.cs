using System.Text.Json.Serialization;

namespace BlazorCookieAuth.Endpoints;

/// <summary>The body of a login or logout request, from a form or JSON.</summary>
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

    /// <summary>For logout: end every session of the user, not just this one.</summary>
    [JsonPropertyName("everywhere")]
    public bool Everywhere { get; set; }
}
