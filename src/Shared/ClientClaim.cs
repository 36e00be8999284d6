namespace BlazorCookieAuth.Components.Client;

/// <summary>One claim as the page carries it.</summary>
internal sealed class ClientClaim
{
    public string Type { get; set; } = string.Empty;

    public string Value { get; set; } = string.Empty;
}
