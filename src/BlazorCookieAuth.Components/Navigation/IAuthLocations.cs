namespace BlazorCookieAuth.Components;

/// <summary>
/// Where the login page and the kit's endpoints are, for the components. The server reads them from its options and
/// <c>MapBlazorCookieAuth</c>; a WebAssembly client from the state the server wrote into the page.
/// </summary>
internal interface IAuthLocations
{
    /// <summary>The login page's path, such as <c>/login</c>.</summary>
    string LoginPath { get; }

    /// <summary>The query parameter that carries the return URL to the login page.</summary>
    string ReturnUrlParameter { get; }

    /// <summary>The prefix of the kit's endpoints, such as <c>/auth</c>: one leading slash, none trailing.</summary>
    string EndpointPrefix { get; }
}
