using System.Text.Json.Serialization;

namespace BlazorCookieAuth.Endpoints;

/// <summary>RFC 9457 problem details, with the kit's error code as the <c>error</c> extension member.</summary>
internal sealed class ProblemBody
{
    [JsonPropertyName("title")]
    public required string Title { get; init; }

    [JsonPropertyName("status")]
    public required int Status { get; init; }

    [JsonPropertyName("detail")]
    public required string Detail { get; init; }

    [JsonPropertyName("error")]
    public required string Error { get; init; }
}
