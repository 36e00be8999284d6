using Microsoft.AspNetCore.Http;

namespace BlazorCookieAuth.Endpoints;

/// <summary>
/// Where <c>MapBlazorCookieAuth</c> put the endpoints, so that components post to the right place
/// whatever prefix the app chose.
/// </summary>
internal sealed class AuthEndpointPaths
{
    private PathString _prefix = BlazorCookieAuthDefaults.EndpointPrefix;
    private bool _mapped;

    /// <summary>Whether <c>MapBlazorCookieAuth</c> has set the prefix.</summary>
    public bool IsMapped => _mapped;

    /// <summary>The route prefix given to <c>MapBlazorCookieAuth</c>; <c>/auth</c> until it is called.</summary>
    public string Prefix
    {
        get => _prefix.Value!;
        set
        {
            _prefix = Normalize(value);
            _mapped = true;
        }
    }

    /// <summary>The login endpoint's route, such as <c>/auth/login</c>, as messages name it.</summary>
    public string LoginRoute => _prefix.Add("/login").Value!;

    /// <summary>The logout endpoint's route, such as <c>/auth/logout</c>, as messages name it.</summary>
    public string LogoutRoute => _prefix.Add("/logout").Value!;

    /// <summary>A prefix as <c>MapBlazorCookieAuth</c> maps it: one leading slash, none trailing.</summary>
    public static PathString Normalize(string prefix) => new("/" + prefix.Trim('/'));
}
