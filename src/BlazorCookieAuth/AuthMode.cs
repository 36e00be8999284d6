namespace BlazorCookieAuth;

/// <summary>
/// Where BlazorCookieAuth looks for the token of a request.
/// </summary>
public enum AuthMode
{
    /// <summary>The token travels in the authentication cookie (the default).</summary>
    Cookie = 0,

    /// <summary>
    /// The token travels in an <c>Authorization: Bearer</c> header. No cookie is read or written,
    /// and unauthorized requests get 401 instead of a login redirect.
    /// </summary>
    Bearer = 1,

    /// <summary>A request with a bearer header uses it; any other request uses the cookie.</summary>
    CookieAndBearer = 2,
}
