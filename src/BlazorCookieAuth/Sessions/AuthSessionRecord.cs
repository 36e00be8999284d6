namespace BlazorCookieAuth;

/// <summary>
/// One live login session, as a session store keeps it. A token is accepted only while its session is in the
/// store and has not ended; logging out removes the session, so every copy of its token stops working.
/// </summary>
public sealed record AuthSessionRecord
{
    /// <summary>The longest <see cref="Client"/> the kit writes, for stores that size their columns.</summary>
    public const int MaxClientLength = 64;

    /// <summary>The longest <see cref="Data"/> an app may attach, for stores that size their columns.</summary>
    public const int MaxDataLength = 1024;

    /// <summary>The longest <see cref="Credential"/> the kit writes, for stores that size their columns.</summary>
    public const int MaxCredentialLength = 64;

    /// <summary>The session id: 128 random bits, base64url-encoded. Never reused.</summary>
    public required string SessionId { get; init; }

    /// <summary>The auth id of the signed-in user.</summary>
    public required string AuthId { get; init; }

    /// <summary>When the user logged in.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>
    /// When a request last came with this session. Written at most once a minute per session, so it may lag
    /// behind the latest request by up to a minute.
    /// </summary>
    public required DateTimeOffset LastSeenAt { get; init; }

    /// <summary>The absolute end of the session; <see cref="IAuthSession.RenewAsync"/> moves it later, up to <see cref="MaxExpiresAt"/>.</summary>
    public required DateTimeOffset ExpiresAt { get; init; }

    /// <summary>
    /// The latest the session may ever last: the <c>AuthenticationProperties.ExpiresUtc</c> given at login, which a
    /// renewal never moves <see cref="ExpiresAt"/> past. <see langword="null"/> when the login set no such cap.
    /// </summary>
    public DateTimeOffset? MaxExpiresAt { get; init; }

    /// <summary>When the user's credentials were last checked for this session (the login itself).</summary>
    public required DateTimeOffset AuthenticatedAt { get; init; }

    /// <summary><see langword="true"/> when the user asked to be remembered (a persistent cookie).</summary>
    public bool IsPersistent { get; init; }

    /// <summary>
    /// How long the session may go unseen before it ends, or <see langword="null"/> for no idle timeout.
    /// Taken from <see cref="BlazorCookieAuthOptions.IdleTimeout"/> at login.
    /// </summary>
    public TimeSpan? IdleTimeout { get; init; }

    /// <summary>A short description of the client, such as <c>Firefox on Windows</c>, read from its User-Agent.</summary>
    public string? Client { get; init; }

    /// <summary>
    /// An optional value the app attached at login (for example a security stamp), passed to
    /// <see cref="IAuthSession.LoginAsync(AuthUser, bool, string?)"/>.
    /// </summary>
    public string? Data { get; init; }

    /// <summary>
    /// The credential that started the session, when it was one the kit signs in with itself, such as a passkey
    /// (<c>passkey:</c> and a hash of its credential id, which reveals nothing of it); <see langword="null"/> for a
    /// password login and for the app's own <see cref="IAuthSession.LoginAsync(AuthUser, bool, string?)"/>. The kit
    /// writes it at login and ends the sessions a credential started when that credential is removed. A session store
    /// keeps it as it is, at most <see cref="MaxCredentialLength"/> characters.
    /// </summary>
    public string? Credential { get; init; }

    /// <summary>
    /// An opaque name for this session that a page may show or post back, set on the sessions that
    /// <see cref="IAuthSessionManager.ListSessionsAsync"/> returns (<see langword="null"/> elsewhere; stores don't keep
    /// it). It is protected with Data Protection, bound to the user, and good for an hour; pass it to
    /// <see cref="IAuthSessionManager.EndSessionByHandleAsync"/>. The <see cref="SessionId"/> itself never belongs in a
    /// page, JSON or a log.
    /// </summary>
    public string? Handle { get; init; }

    /// <summary>
    /// When the session ends: <see cref="ExpiresAt"/>, or earlier when an <see cref="IdleTimeout"/> runs out
    /// after <see cref="LastSeenAt"/>. Stores use it for their expiry and cleanup.
    /// </summary>
    public DateTimeOffset EndsAt =>
        IdleTimeout is { } idle && LastSeenAt + idle < ExpiresAt ? LastSeenAt + idle : ExpiresAt;

    /// <summary>Whether the session is still live at <paramref name="now"/>.</summary>
    /// <param name="now">The current time.</param>
    /// <returns><see langword="true"/> until <see cref="EndsAt"/>.</returns>
    public bool IsLiveAt(DateTimeOffset now) => EndsAt > now;
}
