namespace BlazorCookieAuth.Components;

/// <summary>
/// Where the login page and the kit's endpoints are, for the kit's components (<c>&lt;RequireLogin&gt;</c>,
/// <c>&lt;RedirectToLogin /&gt;</c>, <c>&lt;LogoutButton /&gt;</c>). <c>AddBlazorCookieAuth</c> registers the server's,
/// read from its options and <c>MapBlazorCookieAuth</c>; <c>AddBlazorCookieAuthClient</c> a WebAssembly client's, read
/// from the state the server wrote into the page. An app has no need to implement it, except to render the components
/// in a test without either.
/// </summary>
public interface IAuthLocations
{
    /// <summary>The login page's path, such as <c>/login</c>.</summary>
    string LoginPath { get; }

    /// <summary>
    /// The page where a signed-in user whose login is not fresh enough proves who they are again, such as
    /// <c>/reauthenticate</c>; <see langword="null"/> when such users go to the login page.
    /// </summary>
    string? ReauthenticationPath { get; }

    /// <summary>The query parameter that carries the return URL to the login page.</summary>
    string ReturnUrlParameter { get; }

    /// <summary>The prefix of the kit's endpoints, such as <c>/auth</c>: one leading slash, none trailing.</summary>
    string EndpointPrefix { get; }
}
