using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;

namespace BlazorCookieAuth;

/// <summary>
/// The context of an unauthorized or forbidden request, passed to
/// <see cref="BlazorCookieAuthEvents.OnRedirectToLogin"/> and <see cref="BlazorCookieAuthEvents.OnRedirectToAccessDenied"/>.
/// </summary>
public sealed class BlazorCookieAuthRedirectContext : RedirectContext<BlazorCookieAuthOptions>
{
    /// <summary>
    /// Creates the context.
    /// </summary>
    /// <param name="context">The request.</param>
    /// <param name="scheme">The authentication scheme.</param>
    /// <param name="options">The scheme's options.</param>
    /// <param name="properties">The authentication properties of the challenge or forbid.</param>
    /// <param name="redirectUri">Where a page request would be sent: the login or access-denied page with the return URL.</param>
    /// <param name="isApiRequest">Whether the request is an API call that should get a status code instead of a redirect.</param>
    public BlazorCookieAuthRedirectContext(
        HttpContext context,
        AuthenticationScheme scheme,
        BlazorCookieAuthOptions options,
        AuthenticationProperties properties,
        string redirectUri,
        bool isApiRequest)
        : base(context, scheme, options, properties, redirectUri)
    {
        IsApiRequest = isApiRequest;
    }

    /// <summary>
    /// <see langword="true"/> for an API request: one with a bearer token, <c>X-Requested-With: XMLHttpRequest</c>,
    /// an <c>Accept</c> header asking for JSON and not HTML, an endpoint that opts out of cookie redirects
    /// (minimal APIs returning data, <c>[ApiController]</c>), or any request in <see cref="AuthMode.Bearer"/> mode.
    /// Such requests get 401 or 403 instead of a redirect.
    /// </summary>
    public bool IsApiRequest { get; }
}
