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

    /// <summary>The default lifetime of a remembered login: 365 days, as in Quart-Auth.</summary>
    public static readonly TimeSpan Duration = TimeSpan.FromDays(365);

    /// <summary>The default lifetime of a login without "remember me": 12 hours.</summary>
    public static readonly TimeSpan UnrememberedDuration = TimeSpan.FromHours(12);

    /// <summary>The default number of live sessions one user may have: 50.</summary>
    public const int MaxSessionsPerUser = 50;

    /// <summary>The default time this server trusts a session read from the store: 5 seconds.</summary>
    public static readonly TimeSpan SessionCacheDuration = TimeSpan.FromSeconds(5);

    /// <summary>The default number of sessions a server keeps of what it read from the store: 100,000.</summary>
    public const int SessionCacheSize = 100_000;

    /// <summary>The default number of validated tokens a server remembers: 10,000.</summary>
    public const int TokenCacheSize = 10_000;

    /// <summary>The default interval of the background removal of ended sessions: 10 minutes.</summary>
    public static readonly TimeSpan SessionCleanupInterval = TimeSpan.FromMinutes(10);

    /// <summary>The default number of failed logins per client and username within <see cref="LoginFailureWindow"/>: 10.</summary>
    public const int LoginFailureLimit = 10;

    /// <summary>The default window of <see cref="LoginFailureLimit"/>: 5 minutes.</summary>
    public static readonly TimeSpan LoginFailureWindow = TimeSpan.FromMinutes(5);

    /// <summary>The default number of failed logins per account, from all clients, within <see cref="AccountFailureWindow"/>: 100.</summary>
    public const int AccountFailureLimit = 100;

    /// <summary>The default window of <see cref="AccountFailureLimit"/>: 1 hour.</summary>
    public static readonly TimeSpan AccountFailureWindow = TimeSpan.FromHours(1);

    /// <summary>
    /// The name of the rate limiter policy that <c>MapBlazorCookieAuth</c> puts on its endpoints:
    /// <see cref="LoginRequestLimit"/> login requests, right or wrong, per client within
    /// <see cref="LoginRequestWindow"/>, answered 429 with <c>Retry-After</c> past that. An app replaces it with its own
    /// <c>RequireRateLimiting</c> on the endpoints, or turns it off with <c>DisableRateLimiting</c>.
    /// </summary>
    public const string LoginRateLimiterPolicy = "BlazorCookieAuth.Login";

    /// <summary>How many login requests one client may make within <see cref="LoginRequestWindow"/> under <see cref="LoginRateLimiterPolicy"/>: 60.</summary>
    public const int LoginRequestLimit = 60;

    /// <summary>The sliding window of <see cref="LoginRequestLimit"/>: 1 minute.</summary>
    public static readonly TimeSpan LoginRequestWindow = TimeSpan.FromMinutes(1);

    /// <summary>The default age of a fresh login: 15 minutes.</summary>
    public static readonly TimeSpan FreshLoginMaxAge = TimeSpan.FromMinutes(15);

    /// <summary>
    /// The name of the authorization policy, registered by <c>AddBlazorCookieAuth</c>, that needs a login whose
    /// credentials were checked within <c>BlazorCookieAuthOptions.FreshLoginMaxAge</c>.
    /// </summary>
    public const string FreshLoginPolicy = "BlazorCookieAuth.FreshLogin";
}
