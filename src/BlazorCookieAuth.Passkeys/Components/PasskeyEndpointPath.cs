using BlazorCookieAuth.Components;

namespace BlazorCookieAuth.Passkeys.Components;

/// <summary>Where the passkey endpoints are, relative to the page's base, for the components' script.</summary>
internal static class PasskeyEndpointPath
{
    /// <summary>Such as <c>auth/passkeys</c>: relative to the page's <c>&lt;base href&gt;</c>, so an app under a path base works.</summary>
    public static string Of(IAuthLocations locations) => locations.EndpointPrefix.TrimStart('/') + "/passkeys";
}
