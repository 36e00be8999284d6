namespace BlazorCookieAuth;

/// <summary>
/// How an endpoint that <c>RequireBasicAuth</c> protects asks for credentials and where it accepts them.
/// </summary>
public sealed class BasicAuthOptions
{
    /// <summary>
    /// The realm in the <c>WWW-Authenticate</c> challenge, which browsers may show in their login prompt and use to keep
    /// credentials apart. <see langword="null"/> (the default) uses the app's name (<c>IHostEnvironment.ApplicationName</c>),
    /// or <c>BlazorCookieAuth</c> when that can't be sent in a header. A realm must be printable ASCII without
    /// <c>"</c> or <c>\</c>; any other value fails when <c>RequireBasicAuth</c> is called.
    /// </summary>
    public string? Realm { get; set; }

    /// <summary>
    /// Whether credentials are accepted over plain HTTP beyond the development loopback. <see langword="false"/> (the
    /// default) answers such requests 403 without asking for credentials, because anyone on the network could read them;
    /// in the Development environment requests to <c>localhost</c> and loopback addresses are accepted. Behind a proxy
    /// that serves HTTPS, enable forwarded headers instead, so the app knows the request was HTTPS. Turn this on only for
    /// a network you trust end to end.
    /// </summary>
    public bool AllowPlainHttp { get; set; }
}
