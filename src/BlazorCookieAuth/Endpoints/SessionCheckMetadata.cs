namespace BlazorCookieAuth.Endpoints;

/// <summary>
/// Marks <c>GET {prefix}/session</c>: a page asking whether its login still holds is not the user's activity, so it
/// must not keep an idle session alive.
/// </summary>
internal sealed class SessionCheckMetadata
{
    public static readonly SessionCheckMetadata Instance = new();

    private SessionCheckMetadata()
    {
    }
}
