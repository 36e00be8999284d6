using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;

namespace BlazorCookieAuth.Endpoints;

/// <summary>The body of a login request, from a form or JSON.</summary>
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

    /// <summary>The request as a login form posts it.</summary>
    public static LoginRequest FromForm(IFormCollection form) => new()
    {
        Username = form["username"],
        Password = form["password"],
        Remember = FormCheckbox.IsChecked(form["remember"]),
        ReturnUrl = form["returnUrl"],
    };
}
