namespace BlazorCookieAuth.EntityFrameworkCore;

/// <summary>
/// A row of the sessions table. Times are Unix milliseconds, so every provider (SQLite included) compares and
/// indexes them as plain integers; <see cref="EndsAt"/> is stored so expiry and cleanup are one indexed range.
/// </summary>
internal sealed class AuthSessionEntity
{
    public const int MaxSessionIdLength = 32;
    public const int MaxAuthIdLength = 256;

    public string SessionId { get; set; } = string.Empty;

    public string AuthId { get; set; } = string.Empty;

    public long CreatedAt { get; set; }

    public long LastSeenAt { get; set; }

    public long ExpiresAt { get; set; }

    public long? MaxExpiresAt { get; set; }

    public long AuthenticatedAt { get; set; }

    /// <summary><see cref="AuthSessionRecord.EndsAt"/>: the expiry, or earlier for an idle timeout.</summary>
    public long EndsAt { get; set; }

    public long? IdleTimeout { get; set; }

    public bool IsPersistent { get; set; }

    public string? Client { get; set; }

    public string? Data { get; set; }

    /// <summary><see cref="AuthSessionRecord.Credential"/>: the passkey that started the session, if one did.</summary>
    public string? Credential { get; set; }

    public static AuthSessionEntity From(AuthSessionRecord session) => new()
    {
        SessionId = session.SessionId,
        AuthId = session.AuthId,
        CreatedAt = session.CreatedAt.ToUnixTimeMilliseconds(),
        LastSeenAt = session.LastSeenAt.ToUnixTimeMilliseconds(),
        ExpiresAt = session.ExpiresAt.ToUnixTimeMilliseconds(),
        MaxExpiresAt = session.MaxExpiresAt?.ToUnixTimeMilliseconds(),
        AuthenticatedAt = session.AuthenticatedAt.ToUnixTimeMilliseconds(),
        EndsAt = session.EndsAt.ToUnixTimeMilliseconds(),
        IdleTimeout = session.IdleTimeout is { } idle ? (long)idle.TotalMilliseconds : null,
        IsPersistent = session.IsPersistent,
        Client = session.Client,
        Data = session.Data,
        Credential = session.Credential,
    };

    public AuthSessionRecord ToRecord() => new()
    {
        SessionId = SessionId,
        AuthId = AuthId,
        CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(CreatedAt),
        LastSeenAt = DateTimeOffset.FromUnixTimeMilliseconds(LastSeenAt),
        ExpiresAt = DateTimeOffset.FromUnixTimeMilliseconds(ExpiresAt),
        MaxExpiresAt = MaxExpiresAt is { } max ? DateTimeOffset.FromUnixTimeMilliseconds(max) : null,
        AuthenticatedAt = DateTimeOffset.FromUnixTimeMilliseconds(AuthenticatedAt),
        IdleTimeout = IdleTimeout is { } idle ? TimeSpan.FromMilliseconds(idle) : null,
        IsPersistent = IsPersistent,
        Client = Client,
        Data = Data,
        Credential = Credential,
    };
}
