using System.Text.Json.Serialization;

namespace BlazorCookieAuth.Endpoints;

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

    [JsonPropertyName("token")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Token { get; set; }
}
