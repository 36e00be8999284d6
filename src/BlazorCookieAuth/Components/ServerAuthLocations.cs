using BlazorCookieAuth.Authentication;
using BlazorCookieAuth.Endpoints;
using Microsoft.Extensions.Options;

namespace BlazorCookieAuth.Components;

/// <summary>The server's login page and endpoints, for the components it renders.</summary>
internal sealed class ServerAuthLocations(
    IOptionsMonitor<BlazorCookieAuthOptions> options,
    BlazorCookieAuthScheme scheme,
    AuthEndpointPaths paths) : IAuthLocations
{
    public string LoginPath => options.Get(scheme.Name).LoginPath;

    public string? ReauthenticationPath => options.Get(scheme.Name).ReauthenticationPath;

    public string ReturnUrlParameter => options.Get(scheme.Name).ReturnUrlParameter;

    public string EndpointPrefix => paths.Prefix;
}
