using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;

namespace BlazorCookieAuth.Endpoints;

/// <summary>The body of a logout request, from a form or JSON.</summary>
internal sealed class LogoutRequest
{
    [JsonPropertyName("returnUrl")]
    public string? ReturnUrl { get; set; }

    /// <summary>End every session of the user, not just this one.</summary>
    [JsonPropertyName("everywhere")]
    public bool Everywhere { get; set; }

    /// <summary>The request as a logout form posts it.</summary>
    public static LogoutRequest FromForm(IFormCollection form) => new()
    {
        ReturnUrl = form["returnUrl"],
        Everywhere = FormCheckbox.IsChecked(form["everywhere"]),
    };
}
