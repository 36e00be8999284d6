namespace BlazorCookieAuth.Diagnostics;

/// <summary>How a login attempt ended, as its span tells.</summary>
internal enum LoginResult
{
    /// <summary>The user is logged in.</summary>
    Succeeded,

    /// <summary>The credentials were not accepted.</summary>
    Failed,

    /// <summary>A rate limit refused the attempt before the credentials were checked.</summary>
    RateLimited,

    /// <summary>The request carried no valid antiforgery token.</summary>
    Antiforgery,

    /// <summary>The request body could not be read.</summary>
    InvalidRequest,

    /// <summary>The session store or key ring could not be reached, so no session could be started.</summary>
    Unavailable,
}
