using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;

namespace BlazorCookieAuth.Endpoints;

/// <summary>The body of a re-authentication request, from a form or JSON.</summary>
internal sealed class ReauthenticateRequest
{
    [JsonPropertyName("password")]
    public string? Password { get; set; }

    [JsonPropertyName("returnUrl")]
    public string? ReturnUrl { get; set; }

    /// <summary>The request as a re-authentication form posts it.</summary>
    public static ReauthenticateRequest FromForm(IFormCollection form) => new()
    {
        Password = form["password"],
        ReturnUrl = form["returnUrl"],
    };
}
