using BlazorCookieAuth.Tokens;

namespace BlazorCookieAuth.Sessions;

/// <summary>
/// A token's user as checked against its live session: the session's expiry and credential time. A token is
/// remembered across requests, and so is the last answer, for as long as the session's record stays the same (the
/// session cache hands out one record until it changes).
/// </summary>
internal sealed record SessionCheckedUser(AuthSessionRecord Session, bool BrowserSessionContinues, AuthUser User)
{
    public static AuthUser Of(AuthToken token, AuthSessionRecord session, bool browserSessionContinues)
    {
        if (Volatile.Read(ref token.LastSessionCheck) is { } last
            && ReferenceEquals(last.Session, session)
            && last.BrowserSessionContinues == browserSessionContinues)
        {
            return last.User;
        }

        var tokenUser = token.User;
        var user = new AuthUser(token.AuthId, tokenUser.Claims)
        {
            SessionId = token.SessionId,
            IssuedAt = tokenUser.IssuedAt,
            ExpiresAt = session.ExpiresAt,
            IsPersistent = session.IsPersistent,
            AuthenticatedAt = browserSessionContinues ? session.AuthenticatedAt : null,
        };
        Volatile.Write(ref token.LastSessionCheck, new SessionCheckedUser(session, browserSessionContinues, user));
        return user;
    }
}
