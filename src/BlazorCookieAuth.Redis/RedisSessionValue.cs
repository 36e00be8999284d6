using System.Text.Json.Serialization;

namespace BlazorCookieAuth.Redis;

/// <summary>A session as stored in its Redis hash: times in Unix milliseconds, short names.</summary>
internal sealed class RedisSessionValue
{
    [JsonPropertyName("id")]
    public string SessionId { get; set; } = string.Empty;

    [JsonPropertyName("a")]
    public string AuthId { get; set; } = string.Empty;

    [JsonPropertyName("c")]
    public long CreatedAt { get; set; }

    [JsonPropertyName("s")]
    public long LastSeenAt { get; set; }

    [JsonPropertyName("x")]
    public long ExpiresAt { get; set; }

    [JsonPropertyName("m")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? MaxExpiresAt { get; set; }

    [JsonPropertyName("t")]
    public long AuthenticatedAt { get; set; }

    [JsonPropertyName("p")]
    public bool IsPersistent { get; set; }

    [JsonPropertyName("i")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? IdleTimeout { get; set; }

    [JsonPropertyName("cl")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Client { get; set; }

    [JsonPropertyName("d")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Data { get; set; }

    public static RedisSessionValue From(AuthSessionRecord session) => new()
    {
        SessionId = session.SessionId,
        AuthId = session.AuthId,
        CreatedAt = session.CreatedAt.ToUnixTimeMilliseconds(),
        LastSeenAt = session.LastSeenAt.ToUnixTimeMilliseconds(),
        ExpiresAt = session.ExpiresAt.ToUnixTimeMilliseconds(),
        MaxExpiresAt = session.MaxExpiresAt?.ToUnixTimeMilliseconds(),
        AuthenticatedAt = session.AuthenticatedAt.ToUnixTimeMilliseconds(),
        IsPersistent = session.IsPersistent,
        IdleTimeout = session.IdleTimeout is { } idle ? (long)idle.TotalMilliseconds : null,
        Client = session.Client,
        Data = session.Data,
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
        IsPersistent = IsPersistent,
        IdleTimeout = IdleTimeout is { } idle ? TimeSpan.FromMilliseconds(idle) : null,
        Client = Client,
        Data = Data,
    };
}

/// <summary>Source-generated JSON for <see cref="RedisSessionValue"/> (no reflection, trim-safe).</summary>
[JsonSerializable(typeof(RedisSessionValue))]
internal sealed partial class RedisSessionJsonContext : JsonSerializerContext;
