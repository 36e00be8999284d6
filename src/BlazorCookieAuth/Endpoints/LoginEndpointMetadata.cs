namespace BlazorCookieAuth.Endpoints;

/// <summary>Marks <c>POST {prefix}/login</c>, the one endpoint of the group that <see cref="LoginRateLimiterPolicy"/> limits.</summary>
internal sealed class LoginEndpointMetadata
{
    public static readonly LoginEndpointMetadata Instance = new();

    private LoginEndpointMetadata()
    {
    }
}
