namespace BlazorCookieAuth.Redis;

/// <summary>Options of BlazorCookieAuth's Redis store, set in <c>AddRedis(..., options =&gt; ...)</c>.</summary>
public sealed class BlazorCookieAuthRedisOptions
{
    /// <summary>
    /// Put before every key and channel name the kit uses, so several apps can share one Redis. The default,
    /// <c>{blazorcookieauth}:</c>, is a hash tag: on a Redis Cluster all of the kit's keys share one slot, as its
    /// scripts need.
    /// </summary>
    public string KeyPrefix { get; set; } = "{blazorcookieauth}:";

    /// <summary>
    /// Whether the ASP.NET Core Data Protection key ring is kept on Redis too (<c>PersistKeysToStackExchangeRedis</c>),
    /// so every server reads every server's cookies and antiforgery tokens. Defaults to <see langword="true"/>; turn it
    /// off only when the app already shares its key ring another way.
    /// </summary>
    public bool PersistDataProtectionKeys { get; set; } = true;
}
