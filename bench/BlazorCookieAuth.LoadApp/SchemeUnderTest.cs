namespace BlazorCookieAuth.LoadApp;

/// <summary>What guards <c>GET /hello</c>, chosen with <c>--Scheme</c>.</summary>
internal enum SchemeUnderTest
{
    /// <summary>No authentication: the baseline.</summary>
    None,

    /// <summary>
    /// The authentication and authorization middleware with a scheme that does no work (<see cref="FixedUserHandler"/>):
    /// the floor under any scheme.
    /// </summary>
    Floor,

    /// <summary>ASP.NET Core's own cookie scheme, <c>AddCookie()</c>.</summary>
    Cookie,

    /// <summary>BlazorCookieAuth with its defaults and the in-memory session store.</summary>
    Kit,
}
