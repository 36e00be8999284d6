using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;

namespace BlazorCookieAuth;

/// <summary>
/// Options of the BlazorCookieAuth scheme: Quart-Auth's settings, secure by default.
/// Contradictory settings fail at startup with a message that names the option. A change to the options (from
/// configuration that reloads) applies from the next request or login, except to the options whose docs say
/// "Read at startup", which take effect when the app starts again.
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

    private CookieBuilder _cookie = new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Lax,
        Path = "/",
        SecurePolicy = CookieSecurePolicy.Always,
        IsEssential = true,
    };

    /// <summary>
    /// The login cookie's name and attributes. The defaults are secure: <see cref="CookieBuilder.SecurePolicy"/>
    /// <see cref="CookieSecurePolicy.Always"/>, <see cref="CookieBuilder.HttpOnly"/>, <see cref="CookieBuilder.SameSite"/>
    /// <see cref="SameSiteMode.Lax"/>, <see cref="CookieBuilder.Path"/> <c>/</c>, and no
    /// <see cref="CookieBuilder.Domain"/> (a host-only cookie, which subdomains can neither read nor overwrite).
    /// Left <see langword="null"/>, <see cref="CookieBuilder.Name"/> becomes <c>__Host-</c> plus the scheme name
    /// while the cookie is always Secure, host-only and on path <c>/</c> (the browser then guarantees all three),
    /// <c>__Secure-</c> plus the scheme name when only always Secure holds, and the scheme name otherwise.
    /// <see cref="Duration"/> sets a remembered cookie's lifetime, so <see cref="CookieBuilder.Expiration"/> and
    /// <see cref="CookieBuilder.MaxAge"/> must stay unset. The browser-session cookie beside a remembered login takes
    /// the same attributes, under the name plus <c>-fresh</c>. Browsers keep Secure cookies on http://localhost
    /// and http://127.0.0.1, so local development needs no TLS; a policy other than Always logs a warning at startup.
    /// The name (for the room a token has in the cookie) and the secure policy (for the antiforgery cookie) are also
    /// read at startup.
    /// </summary>
    public CookieBuilder Cookie
    {
        get => _cookie;
        set => _cookie = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>
    /// How long a remembered login ("remember me", a persistent cookie) and a bearer token last: the server-side
    /// session ends then, and the cookie's Max-Age is this length. Defaults to 365 days, as in Quart-Auth.
    /// </summary>
    public TimeSpan Duration { get; set; } = BlazorCookieAuthDefaults.Duration;

    /// <summary>
    /// How long a login without "remember me" lasts on the server. Its cookie is a browser-session cookie, but a
    /// browser that restores its session, or a copied cookie, would otherwise keep it for <see cref="Duration"/>.
    /// Defaults to 12 hours, the reauthentication bound of NIST SP 800-63B at AAL2. When <see cref="Duration"/> is
    /// shorter, that applies instead: a login without "remember me" never outlasts a remembered one.
    /// </summary>
    public TimeSpan UnrememberedDuration { get; set; } = BlazorCookieAuthDefaults.UnrememberedDuration;

    /// <summary>
    /// Ends a session that no request (or circuit activity) has come with for this long, or <see langword="null"/>
    /// (the default) for no idle timeout. It is enforced from the session's last-seen time, which is written at
    /// most once a minute per session, so it takes effect to within a minute; it must be at least two minutes.
    /// </summary>
    public TimeSpan? IdleTimeout { get; set; }

    /// <summary>
    /// How many live sessions (devices, browsers, tokens) one user may have. A login beyond it ends that user's
    /// oldest session. Defaults to 50.
    /// </summary>
    public int MaxSessionsPerUser { get; set; } = BlazorCookieAuthDefaults.MaxSessionsPerUser;

    /// <summary>
    /// How long this server trusts what it read from the session store before reading it again. Sessions ended on
    /// this server are dropped from the cache at once; a session ended by another server sharing the store is
    /// still accepted here for at most this long. Defaults to 5 seconds; <see cref="TimeSpan.Zero"/> reads the
    /// store on every request (and then requests arriving together may each write a session's last-seen time).
    /// It is also how often a request asks the app's <see cref="IAuthUserLoader{TUser}"/> again whether a signed-in
    /// user still exists: a user deleted from the app's store is refused within this long. Read at startup.
    /// </summary>
    public TimeSpan SessionCacheDuration { get; set; } = BlazorCookieAuthDefaults.SessionCacheDuration;

    /// <summary>
    /// How many sessions this server keeps of what it read from the session store (see <see cref="SessionCacheDuration"/>).
    /// Beyond it, requests of sessions not kept read the store until stale entries leave. Defaults to 100,000, about
    /// 40 MB; 0 reads the store on every request, as <see cref="TimeSpan.Zero"/> for <see cref="SessionCacheDuration"/> does.
    /// Read at startup.
    /// </summary>
    public int SessionCacheSize { get; set; } = BlazorCookieAuthDefaults.SessionCacheSize;

    /// <summary>
    /// How many validated tokens this server remembers, so a browser's cookie, sent again and again, is decrypted
    /// once rather than on every request. A remembered token is still checked against its session on every request;
    /// it is forgotten when its session ends or the token expires. Invalid tokens are never remembered. The cache also
    /// holds at most this many kilobytes (by a generous estimate of each token's share), so tokens with many or long
    /// claims count for more. Defaults to 10,000: at most about 10 MB, enough for 10,000 tokens with a few short
    /// claims each (about 0.9 KB apiece); 0 turns the cache off. Read at startup.
    /// </summary>
    public int TokenCacheSize { get; set; } = BlazorCookieAuthDefaults.TokenCacheSize;

    /// <summary>
    /// How often a background service removes ended sessions from the store. Defaults to 10 minutes. Ended
    /// sessions are refused at once either way; the cleanup only frees their space. Read at startup.
    /// </summary>
    public TimeSpan SessionCleanupInterval { get; set; } = BlazorCookieAuthDefaults.SessionCleanupInterval;

    /// <summary>
    /// How recently the credentials must have been checked for <see cref="RequireFreshLoginAttribute"/> and the
    /// <see cref="BlazorCookieAuthDefaults.FreshLoginPolicy"/> policy. Defaults to 15 minutes. A kit-wide authorization
    /// setting rather than one of the scheme's: it sets the age of that one policy, whichever scheme signed the user
    /// in. Read at startup, when the authorization policies are built.
    /// </summary>
    public TimeSpan FreshLoginMaxAge { get; set; } = BlazorCookieAuthDefaults.FreshLoginMaxAge;

    /// <summary>
    /// How many failed logins one client may make for one username within <see cref="LoginFailureWindow"/> before
    /// the login endpoint refuses that username from that client with 429 Too Many Requests, even with the right
    /// password, until the window has moved on. Other usernames, and other clients, are not affected. Usernames are
    /// compared without regard to case. Defaults to 10; 0 turns the limit off.
    /// </summary>
    /// <remarks>
    /// The client is the connection's IP address (IPv6 addresses by their /64 network). Behind a proxy or load
    /// balancer every request comes from the proxy's address unless the app runs <c>UseForwardedHeaders</c>
    /// before the endpoints, configured to trust that proxy.
    /// </remarks>
    public int LoginFailureLimit { get; set; } = BlazorCookieAuthDefaults.LoginFailureLimit;

    /// <summary>The window of <see cref="LoginFailureLimit"/>. Defaults to 5 minutes.</summary>
    public TimeSpan LoginFailureWindow { get; set; } = BlazorCookieAuthDefaults.LoginFailureWindow;

    /// <summary>
    /// How many failed logins and re-authentications one account may have within <see cref="AccountFailureWindow"/>,
    /// from all clients together, before every attempt for it is refused with 429 Too Many Requests until the window
    /// has moved on. It slows an attacker who spreads guesses over many addresses. One client's failures count toward
    /// it only up to <see cref="LoginFailureLimit"/> within <see cref="AccountFailureWindow"/>, so locking a user out
    /// takes failures from at least <c>AccountFailureLimit / LoginFailureLimit</c> clients (10 with the defaults), not
    /// one. A login's account is its username, compared without regard to case; a re-authentication's is the user's
    /// auth id. Defaults to 100; 0 turns it off.
    /// </summary>
    public int AccountFailureLimit { get; set; } = BlazorCookieAuthDefaults.AccountFailureLimit;

    /// <summary>The window of <see cref="AccountFailureLimit"/>. Defaults to 1 hour.</summary>
    public TimeSpan AccountFailureWindow { get; set; } = BlazorCookieAuthDefaults.AccountFailureWindow;

    /// <summary>Where the token is read from: a cookie, a bearer header, or both. Defaults to <see cref="AuthMode.Cookie"/>.</summary>
    public AuthMode Mode { get; set; } = AuthMode.Cookie;

    /// <summary>
    /// The login page that unauthorized page requests are redirected to: a path of this app that starts with
    /// <c>/</c>, without the app's base path. Defaults to <c>/login</c>. A value that isn't such a path fails at
    /// startup with a message naming this option.
    /// </summary>
    public string LoginPath { get; set; } = BlazorCookieAuthDefaults.LoginPath;

    /// <summary>
    /// The page where a signed-in user whose login is not fresh enough (<see cref="RequireFreshLoginAttribute"/>,
    /// <c>&lt;RequireLogin Fresh="..."&gt;</c>) proves who they are again with their password, posting it to
    /// <c>POST {prefix}/reauthenticate</c>, and is then sent back. A path that starts with <c>/</c>, as
    /// <see cref="LoginPath"/> is. When <see langword="null"/> (the default), such users go to the login page.
    /// </summary>
    public string? ReauthenticationPath { get; set; }

    /// <summary>
    /// The page that signed-in users without permission are redirected to, a path that starts with <c>/</c> as
    /// <see cref="LoginPath"/> is. When <see langword="null"/> (the default), such requests get a plain 403.
    /// </summary>
    public string? AccessDeniedPath { get; set; }

    /// <summary>The query string parameter that carries the return URL. Defaults to <c>returnUrl</c>.</summary>
    public string ReturnUrlParameter { get; set; } = BlazorCookieAuthDefaults.ReturnUrlParameter;

    /// <summary>
    /// The Data Protection purpose that tokens are protected under (Quart-Auth's salt). Two apps that share
    /// a key ring but use different purposes never accept each other's tokens. Read at startup.
    /// </summary>
    public string Purpose { get; set; } = BlazorCookieAuthDefaults.Purpose;

    /// <summary>
    /// How often each interactive circuit rechecks its login: the session in the store (ended, expired, idle)
    /// and whether the user loader still finds the user. A circuit also checks as soon as it opens, and a session
    /// ended on this server reaches its circuits at once, without waiting for this interval. A failed check turns
    /// the circuit anonymous. Defaults to 30 seconds. A kit-wide Blazor setting rather than one of the scheme's: it
    /// paces every circuit's <see cref="Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider"/>
    /// and every WebAssembly page's session check (read as each page is rendered).
    /// </summary>
    public TimeSpan RevalidationInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Claim types, beside the name and role claims, that WebAssembly and Auto components see. The server writes the
    /// signed-in user into the page for them: the auth id, the name and role claims, the claims of these types, when
    /// the token was issued and expires, when the credentials were checked, and whether the login was remembered.
    /// Never the token, the session id, or anything else that would let script act as the user. Empty by default.
    /// A kit-wide Blazor setting rather than one of the scheme's, read as each page is rendered.
    /// </summary>
    public ICollection<string> WebAssemblyClaimTypes { get; } = new List<string>();

    /// <summary>
    /// The events that let an app change how unauthorized and forbidden requests are answered.
    /// </summary>
    public new BlazorCookieAuthEvents Events
    {
        get => (BlazorCookieAuthEvents)base.Events!;
        set => base.Events = value;
    }

    internal bool ReadsCookie => Mode != AuthMode.Bearer;

    /// <summary>Whether the cookie is Secure on every response, as the <c>__Host-</c> and <c>__Secure-</c> prefixes need.</summary>
    internal bool CookieAlwaysSecure => Cookie.SecurePolicy == CookieSecurePolicy.Always;

    /// <summary>The browser-session cookie beside a remembered login's: the cookie's name and "-fresh".</summary>
    internal string FreshCookieName { get; set; } = string.Empty;

    internal bool ReadsBearer => Mode != AuthMode.Cookie;
}
