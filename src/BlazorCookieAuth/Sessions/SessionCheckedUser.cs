namespace BlazorCookieAuth.Sessions;

/// <summary>
/// A token's user as checked against its live session: the session's expiry and credential time. A token's user is
/// remembered across requests, and so is the last answer, for as long as the session's record stays the same (the
/// session cache hands out one record until it changes).
/// </summary>
internal sealed record SessionCheckedUser(AuthSessionRecord Session, bool BrowserSessionContinues, AuthUser User)
{
    public static AuthUser Of(AuthUser tokenUser, AuthSessionRecord session, bool browserSessionContinues)
    {
        if (Volatile.Read(ref tokenUser.LastSessionCheck) is SessionCheckedUser last
            && ReferenceEquals(last.Session, session)
            && last.BrowserSessionContinues == browserSessionContinues)
        {
            return last.User;
        }

        var user = new AuthUser(tokenUser.AuthId!, tokenUser.Claims, tokenUser.SessionId!, tokenUser.IssuedAt!.Value,
            session.ExpiresAt, session.IsPersistent, browserSessionContinues ? session.AuthenticatedAt : null, tokenUser.BrowserSecret);
        Volatile.Write(ref tokenUser.LastSessionCheck, new SessionCheckedUser(session, browserSessionContinues, user));
        return user;
    }
}
