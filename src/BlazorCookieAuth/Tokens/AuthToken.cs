using BlazorCookieAuth.Sessions;

namespace BlazorCookieAuth.Tokens;

/// <summary>
/// What a login token carries, as the server reads and writes it: its user (auth id, claims, session id, issue and
/// expiry, whether remembered) and the browser secret of a remembered cookie login, which never leaves the server as
/// part of a user. One is kept per validated token, so it also holds the last answer of its session check.
/// </summary>
internal sealed class AuthToken
{
    /// <param name="user">The token's user; must be logged in, with a session id, issue and expiry time.</param>
    /// <param name="browserSecret">The secret of a remembered cookie login, or <see langword="null"/>.</param>
    public AuthToken(AuthUser user, byte[]? browserSecret)
    {
        if (user.AuthId is null || user.SessionId is null || user.IssuedAt is null || user.ExpiresAt is null)
        {
            throw new ArgumentException("Only a logged-in user with a session, issue and expiry time has a token.", nameof(user));
        }

        User = user;
        BrowserSecret = browserSecret;
    }

    /// <summary>The user as the token carries it; its credential time is the session's, set by <see cref="SessionCheckedUser"/>.</summary>
    public AuthUser User { get; }

    public string AuthId => User.AuthId!;

    public string SessionId => User.SessionId!;

    public DateTimeOffset ExpiresAt => User.ExpiresAt!.Value;

    /// <summary>
    /// A random secret inside the token of a remembered cookie login, also sent in a browser-session cookie; the
    /// two match only until the browser closes.
    /// </summary>
    public byte[]? BrowserSecret { get; }

    /// <summary>
    /// The last check of this token against its live session, kept with the token so that a token seen on every
    /// request is turned into a user once per session record. Read and written with <see cref="Volatile"/>.
    /// </summary>
    public SessionCheckedUser? LastSessionCheck;
}
