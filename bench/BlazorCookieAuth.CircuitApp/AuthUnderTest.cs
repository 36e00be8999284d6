namespace BlazorCookieAuth.CircuitApp;

/// <summary>What authenticates the app's circuits, chosen with <c>--Auth</c>.</summary>
internal enum AuthUnderTest
{
    /// <summary>No authentication: the baseline.</summary>
    None,

    /// <summary>ASP.NET Core's own cookie scheme, <c>AddCookie()</c>, with the framework's cascading authentication state.</summary>
    Cookie,

    /// <summary>BlazorCookieAuth with its defaults and the in-memory session store.</summary>
    Kit,
}
