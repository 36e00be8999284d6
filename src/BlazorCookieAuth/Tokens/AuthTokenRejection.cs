namespace BlazorCookieAuth.Tokens;

/// <summary>Why a token was not accepted. Logged and counted (<c>blazorcookieauth.refused_tokens</c>); never shown to the client.</summary>
internal enum AuthTokenRejection
{
    None = 0,
    Oversize,
    Malformed,
    Unreadable,
    UnsupportedVersion,
    Expired,

    /// <summary>The session is not live in the store: logged out, ended by the app, idle, replaced, or over the per-user cap.</summary>
    SessionEnded,
    UserNotFound,

    /// <summary>The session store or the key ring can't be reached: the token can't be checked now, and may be fine.</summary>
    Unavailable,

    /// <summary>The request carried the login cookie more than once, or under its name in other letter case; the handler trusts none of them.</summary>
    DuplicateCookie,
}
