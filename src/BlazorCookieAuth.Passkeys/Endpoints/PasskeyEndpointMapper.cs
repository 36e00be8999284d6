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
    public void Map(RouteGroupBuilder group)
    {
        group.MapPost("/passkeys/signin/options", (HttpContext context, [FromServices] PasskeyEndpoints endpoints) => endpoints.SignInOptionsAsync(context))
            .WithDisplayName("BlazorCookieAuth passkey sign-in options");
        group.MapPost("/passkeys/signin", (HttpContext context, [FromServices] PasskeyEndpoints endpoints) => endpoints.SignInAsync(context))
            .WithDisplayName("BlazorCookieAuth passkey sign-in");
        group.MapPost("/passkeys/register/options", (HttpContext context, [FromServices] PasskeyEndpoints endpoints) => endpoints.RegistrationOptionsAsync(context))
            .WithDisplayName("BlazorCookieAuth passkey registration options");
        group.MapPost("/passkeys/register", (HttpContext context, [FromServices] PasskeyEndpoints endpoints) => endpoints.RegisterAsync(context))
            .WithDisplayName("BlazorCookieAuth passkey registration");
        group.MapGet("/passkeys", (HttpContext context, [FromServices] PasskeyEndpoints endpoints) => endpoints.ListAsync(context))
            .WithDisplayName("BlazorCookieAuth passkey list");
        group.MapPost("/passkeys/rename", (HttpContext context, [FromServices] PasskeyEndpoints endpoints) => endpoints.RenameAsync(context))
            .WithDisplayName("BlazorCookieAuth passkey rename");
        group.MapPost("/passkeys/remove", (HttpContext context, [FromServices] PasskeyEndpoints endpoints) => endpoints.RemoveAsync(context))
            .WithDisplayName("BlazorCookieAuth passkey removal");

        // Explicit 405s, as for the kit's own POST endpoints, so a catch-all GET route can't turn them into 404s.
        string[] readMethods = [HttpMethods.Get, HttpMethods.Head];
        foreach (var path in (string[])["/passkeys/signin/options", "/passkeys/signin", "/passkeys/register/options", "/passkeys/register", "/passkeys/rename", "/passkeys/remove"])
        {
            group.MapMethods(path, readMethods, AuthEndpoints.MethodNotAllowed).WithDisplayName($"BlazorCookieAuth {path} (POST only)");
        }
    }
}
