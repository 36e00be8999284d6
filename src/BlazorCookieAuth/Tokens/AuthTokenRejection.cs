namespace BlazorCookieAuth.Tokens;

/// <summary>Why a token was not accepted. Logged; never shown to the client.</summary>
internal enum AuthTokenRejection
{
    None = 0,
    Oversize,
    Malformed,
    Unreadable,
    UnsupportedVersion,
    Expired,
    Revoked,
    UserNotFound,
}
