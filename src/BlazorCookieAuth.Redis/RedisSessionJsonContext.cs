using System.Text.Json.Serialization;

namespace BlazorCookieAuth.Redis;

/// <summary>Source-generated JSON for the session records kept in Redis (no reflection, trim-safe).</summary>
[JsonSerializable(typeof(AuthSessionRecord))]
internal sealed partial class RedisSessionJsonContext : JsonSerializerContext;
