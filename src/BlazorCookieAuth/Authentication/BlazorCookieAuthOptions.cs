using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;

namespace BlazorCookieAuth;

/// <summary>
/// Options of the BlazorCookieAuth scheme: Quart-Auth's settings, secure by default.
/// Contradictory settings fail at startup with a message that names the option.
/// </summary>
public sealed class BlazorCookieAuthOptions : AuthenticationSchemeOptions
{
    /// <summary>
    /// Creates options with the secure defaults.
    /// </summary>
    public BlazorCookieAuthOptions()
    {
        Events = new BlazorCookieAuthEvents();
    }

    /// <summary>
    /// The cookie name. When left <see langword="null"/> it becomes <c>__Host-</c> plus the scheme name
    /// whenever the cookie is Secure, host-only and on path <c>/</c> (the browser then guarantees all three),
    /// <c>__Secure-</c> plus the scheme name when only Secure holds, and the scheme name otherwise.
    /// </summary>
    public string? CookieName { get; set; }

    /// <summary>
    /// The cookie's Domain attribute. <see langword="null"/> (the default) makes a host-only cookie,
    /// which subdomains can neither read nor overwrite.
    /// </summary>
    public string? CookieDomain { get; set; }

    /// <summary>The cookie's Path attribute. Defaults to <c>/</c>.</summary>
    public string CookiePath { get; set; } = "/";

    /// <summary>Whether the cookie is hidden from JavaScript. Defaults to <see langword="true"/>.</summary>
    public bool CookieHttpOnly { get; set; } = true;

    /// <summary>The cookie's SameSite attribute. Defaults to <see cref="SameSiteMode.Lax"/>.</summary>
    public SameSiteMode CookieSameSite { get; set; } = SameSiteMode.Lax;

    /// <summary>
    /// Whether the cookie is marked Secure (sent over HTTPS only). Defaults to <see langword="true"/>, always,
    /// as in Quart-Auth. Browsers keep Secure cookies on http://localhost and http://127.0.0.1, so local
    /// development needs no TLS. Turning it off logs a warning at startup.
    /// </summary>
    public bool CookieSecure { get; set; } = true;

    /// <summary>
    /// How long a login lasts. The expiry is kept inside the protected token and checked on every request,
    /// for session cookies and bearer tokens too. A remembered login also gets a cookie Max-Age of this
    /// length. Defaults to 365 days.
    /// </summary>
    public TimeSpan Duration { get; set; } = BlazorCookieAuthDefaults.Duration;

    /// <summary>Where the token is read from: a cookie, a bearer header, or both. Defaults to <see cref="AuthMode.Cookie"/>.</summary>
    public AuthMode Mode { get; set; } = AuthMode.Cookie;

    /// <summary>The login page that unauthorized page requests are redirected to. Defaults to <c>/login</c>.</summary>
    public PathString LoginPath { get; set; } = BlazorCookieAuthDefaults.LoginPath;

    /// <summary>
    /// The page that signed-in users without permission are redirected to. When empty (the default),
    /// such requests get a plain 403.
    /// </summary>
    public PathString AccessDeniedPath { get; set; }

    /// <summary>The query string parameter that carries the return URL. Defaults to <c>returnUrl</c>.</summary>
    public string ReturnUrlParameter { get; set; } = BlazorCookieAuthDefaults.ReturnUrlParameter;

    /// <summary>
    /// The Data Protection purpose that tokens are protected under (Quart-Auth's salt). Two apps that share
    /// a key ring but use different purposes never accept each other's tokens.
    /// </summary>
    public string Purpose { get; set; } = BlazorCookieAuthDefaults.Purpose;

    /// <summary>
    /// How often each interactive circuit rechecks its login: the expiry inside the token, revocation in the
    /// session store, and whether the user loader still finds the user. A failed check turns the circuit
    /// anonymous. A logout through BlazorCookieAuth reaches the circuits of its session on this server at once,
    /// without waiting for this interval. Defaults to 30 seconds.
    /// </summary>
    public TimeSpan RevalidationInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The events that let an app change how unauthorized and forbidden requests are answered.
    /// </summary>
    public new BlazorCookieAuthEvents Events
    {
        get => (BlazorCookieAuthEvents)base.Events!;
        set => base.Events = value;
    }

    internal bool ReadsCookie => Mode != AuthMode.Bearer;

    internal bool ReadsBearer => Mode != AuthMode.Cookie;
}
