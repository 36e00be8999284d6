namespace BlazorCookieAuth;

/// <summary>
/// Default values used by BlazorCookieAuth.
/// </summary>
public static class BlazorCookieAuthDefaults
{
    /// <summary>The default authentication scheme name: <c>BlazorCookieAuth</c>.</summary>
    public const string AuthenticationScheme = "BlazorCookieAuth";

    /// <summary>
    /// The default Data Protection purpose (Quart-Auth's salt). Tokens protected under one purpose
    /// are never accepted under another.
    /// </summary>
    public const string Purpose = "BlazorCookieAuth";

    /// <summary>The default path of the login page that unauthorized page requests are sent to.</summary>
    public const string LoginPath = "/login";

    /// <summary>The default name of the query string parameter that carries the return URL.</summary>
    public const string ReturnUrlParameter = "returnUrl";

    /// <summary>The default route prefix of the endpoints mapped by <c>MapBlazorCookieAuth</c>.</summary>
    public const string EndpointPrefix = "/auth";

    /// <summary>The default lifetime of a login: 365 days, as in Quart-Auth.</summary>
    public static readonly TimeSpan Duration = TimeSpan.FromDays(365);

    /// <summary>
    /// The largest token, in characters, that is read or written. Browsers drop cookies over about 4 KB.
    /// </summary>
    public const int MaxTokenLength = 4096;
}
