using BlazorCookieAuth.Endpoints;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace BlazorCookieAuth.Passkeys.Endpoints;

/// <summary>
/// Maps the passkey endpoints in the kit's group when <c>MapBlazorCookieAuth</c> runs, so an app that added passkeys
/// maps them with the rest, under the same prefix and conventions.
/// </summary>
internal sealed class PasskeyEndpointMapper : IAuthEndpointExtension
{
    /// <summary>The POST endpoints: path, handler and display name.</summary>
    private static readonly (string Path, Func<PasskeyEndpoints, HttpContext, Task<IResult>> Handle, string Name)[] Posts =
    [
        ("/passkeys/signin/options", (endpoints, context) => endpoints.SignInOptionsAsync(context), "passkey sign-in options"),
        ("/passkeys/signin", (endpoints, context) => endpoints.SignInAsync(context), "passkey sign-in"),
        ("/passkeys/register/options", (endpoints, context) => endpoints.RegistrationOptionsAsync(context), "passkey registration options"),
        ("/passkeys/register", (endpoints, context) => endpoints.RegisterAsync(context), "passkey registration"),
        ("/passkeys/rename", (endpoints, context) => endpoints.RenameAsync(context), "passkey rename"),
        ("/passkeys/remove", (endpoints, context) => endpoints.RemoveAsync(context), "passkey removal"),
    ];

    public void Map(RouteGroupBuilder group)
    {
        group.MapGet("/passkeys", (HttpContext context, [FromServices] PasskeyEndpoints endpoints) => endpoints.ListAsync(context))
            .WithDisplayName("BlazorCookieAuth passkey list");

        // Each POST endpoint with an explicit 405 for GET and HEAD, as the kit's own have, so a catch-all GET route
        // can't turn them into 404s.
        string[] readMethods = [HttpMethods.Get, HttpMethods.Head];
        foreach (var (path, handle, name) in Posts)
        {
            group.MapPost(path, (HttpContext context, [FromServices] PasskeyEndpoints endpoints) => handle(endpoints, context))
                .WithDisplayName("BlazorCookieAuth " + name);
            group.MapMethods(path, readMethods, AuthEndpoints.MethodNotAllowed).WithDisplayName($"BlazorCookieAuth {path} (POST only)");
        }
    }
}
