using Microsoft.AspNetCore.Routing;

namespace BlazorCookieAuth.Endpoints;

/// <summary>
/// Endpoints another kit package adds to the kit's group (such as the passkey endpoints), registered as a singleton by
/// that package's builder call. <c>MapBlazorCookieAuth</c> maps them under the same prefix, so they share the group's
/// conventions: open to anonymous callers, <c>no-store</c>, and the login request limit.
/// </summary>
internal interface IAuthEndpointExtension
{
    /// <summary>Maps the endpoints on the kit's group.</summary>
    /// <param name="group">The group <c>MapBlazorCookieAuth</c> made for the kit's prefix.</param>
    void Map(RouteGroupBuilder group);
}
