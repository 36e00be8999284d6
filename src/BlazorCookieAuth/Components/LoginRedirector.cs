using BlazorCookieAuth.Authentication;
using BlazorCookieAuth.Endpoints;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BlazorCookieAuth.Components;

/// <summary>
/// Sends the browser to the login page with the current local URL as the return URL. Under static SSR and
/// prerendering the framework answers with a redirect; in a circuit it is a full page load, so the login page
/// gets a real HTTP request that can set the cookie.
/// </summary>
internal sealed class LoginRedirector(
    NavigationManager navigation,
    IOptionsMonitor<BlazorCookieAuthOptions> options,
    BlazorCookieAuthScheme scheme,
    ILogger<LoginRedirector> logger)
{
    /// <summary>The current page as a local URL (path and query, with the app's base path).</summary>
    public string CurrentLocalUrl => new Uri(navigation.Uri).PathAndQuery;

    public void RedirectToLogin()
    {
        var authOptions = options.Get(scheme.Name);
        if (BlazorCookieAuthHandler.IsLoginPage("/" + navigation.ToBaseRelativePath(navigation.Uri).Split('?', '#')[0], authOptions.LoginPath))
        {
            // Already on the login page: going there again would loop.
            logger.LoginPageRequiresLogin(authOptions.LoginPath);
            return;
        }

        var loginPath = authOptions.LoginPath.TrimStart('/');
        var returnUrl = CurrentLocalUrl;

        // An address too long to be a local return URL, or to carry in a query, is left out rather than carried
        // to the login page.
        var query = LocalUrl.AddReturnUrl(QueryString.Empty, authOptions.ReturnUrlParameter, returnUrl);
        navigation.NavigateTo(navigation.BaseUri + loginPath + query, forceLoad: true);
    }
}
