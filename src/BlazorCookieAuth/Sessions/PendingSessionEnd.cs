namespace BlazorCookieAuth.Sessions;

/// <summary>
/// One end the store couldn't take: one session, or, with no <see cref="SessionId"/>, every session of
/// <see cref="AuthId"/> that started by <see cref="EndedAt"/> (a logout everywhere).
/// </summary>
/// <param name="AuthId">The user whose session or sessions end.</param>
/// <param name="SessionId">The session that ends, or <see langword="null"/> for all of the user's sessions.</param>
/// <param name="EndedAt">When the user logged out; sessions started later are not ended.</param>
/// <param name="Reason">Why, as the sessions' end is counted once applied.</param>
internal sealed record PendingSessionEnd(string AuthId, string? SessionId, DateTimeOffset EndedAt, SessionEndReason Reason);
