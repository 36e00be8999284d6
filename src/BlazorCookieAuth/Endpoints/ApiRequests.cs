using BlazorCookieAuth.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Net.Http.Headers;

namespace BlazorCookieAuth.Endpoints;

/// <summary>
/// The one rule for how the kit answers a caller: whether it is an API caller (a script or another program, which
/// gets a status code, never a redirect to a page) and whether the body of an answer is JSON. The authentication
/// handler, the endpoints, the session check and basic authentication all ask here, so a request is answered alike
/// wherever it lands.
/// </summary>
internal static class ApiRequests
{
    private const string XmlHttpRequest = "XMLHttpRequest";

    /// <summary>
    /// Whether the caller reads JSON: <c>Accept</c> names a JSON type (<c>application/json</c>, or one ending in
    /// <c>+json</c>) and not <c>text/html</c>; or, when <c>Accept</c> names neither, the request itself sent JSON (a
    /// script's <c>fetch</c> with a JSON body sends <c>Accept: */*</c> or none).
    /// </summary>
    public static bool WantsJson(HttpRequest request)
    {
        var accept = request.GetTypedHeaders().Accept;
        var asksForHtml = accept.Any(a => a.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase));
        if (asksForHtml)
        {
            return false;
        }

        var asksForJson = accept.Any(a => a.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) || a.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase));
        return asksForJson || request.HasJsonContentType();
    }

    /// <summary>
    /// Whether the caller is answered with a status code rather than redirected to a page: it reads JSON
    /// (<see cref="WantsJson"/>), says it is a script (<c>X-Requested-With: XMLHttpRequest</c>), comes with a bearer
    /// token the scheme reads (or the scheme is in <see cref="AuthMode.Bearer"/> mode), or the endpoint opted out of
    /// cookie redirects (<see cref="IDisableCookieRedirectMetadata"/>, unless <see cref="IAllowCookieRedirectMetadata"/>
    /// is also there).
    /// </summary>
    /// <param name="context">The request.</param>
    /// <param name="mode">Where the kit's scheme reads its token from.</param>
    public static bool IsApiRequest(HttpContext context, AuthMode mode)
    {
        var request = context.Request;
        if (mode == AuthMode.Bearer || (mode == AuthMode.CookieAndBearer && BearerHeader.TryRead(request, out _)))
        {
            return true;
        }

        if (string.Equals(request.Headers.XRequestedWith, XmlHttpRequest, StringComparison.Ordinal))
        {
            return true;
        }

        var metadata = context.GetEndpoint()?.Metadata;
        if (metadata?.GetMetadata<IDisableCookieRedirectMetadata>() is not null && metadata.GetMetadata<IAllowCookieRedirectMetadata>() is null)
        {
            return true;
        }

        return WantsJson(request);
    }
}
