using BlazorCookieAuth.Endpoints;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Logging;

namespace BlazorCookieAuth.Components;

/// <summary>
/// Sends the browser to the login page with the current local URL as the return URL. Under static SSR and
/// prerendering the framework answers with a redirect; in a circuit or in WebAssembly it is a full page load, so the
/// login page gets a real HTTP request that can set the cookie. The components that need one make it from their
/// own services, since the server package, which registers the rest, can't name this type.
/// </summary>
internal sealed class LoginRedirector(
    NavigationManager navigation,
    IAuthLocations locations,
    ILogger<LoginRedirector> logger)
{
    /// <summary>The current page as a local URL (path and query, with the app's base path).</summary>
    public string CurrentLocalUrl => new Uri(navigation.Uri).PathAndQuery;

    /// <summary>The logout endpoint's path relative to the app's base, such as <c>auth/logout</c>.</summary>
    public string LogoutAction => locations.EndpointPrefix.TrimStart('/') + "/logout";

    public void RedirectToLogin() => RedirectTo(locations.LoginPath);

    /// <summary>
    /// Sends a signed-in user whose login is not fresh enough to prove who they are again: to the re-authentication
    /// page when the app has one, else to the login page.
    /// </summary>
    public void RedirectToReauthentication() => RedirectTo(locations.ReauthenticationPath ?? locations.LoginPath);

    private void RedirectTo(string loginPath)
    {
        if (LocalUrl.IsLoginPage("/" + navigation.ToBaseRelativePath(navigation.Uri).Split('?', '#')[0], loginPath))
        {
            // Already on the login page: going there again would loop.
            logger.LoginPageRequiresLogin(loginPath);
            return;
        }

        // An address too long to be a local return URL, or to carry in a query, is left out rather than carried
        // to the login page.
        navigation.NavigateTo(LocalUrl.PageWithReturnUrl(navigation.BaseUri, loginPath, locations.ReturnUrlParameter, CurrentLocalUrl), forceLoad: true);
    }
}
