using Microsoft.Extensions.Logging;

namespace BlazorCookieAuth;

internal static partial class LoggingExtensions
{
    [LoggerMessage(1, LogLevel.Information, "User {AuthId} logged in (remembered: {Remembered}).", EventName = "LoggedIn")]
    public static partial void LoggedIn(this ILogger logger, string authId, bool remembered);

    [LoggerMessage(2, LogLevel.Information, "User {AuthId} logged out.", EventName = "LoggedOut")]
    public static partial void LoggedOut(this ILogger logger, string authId);

    [LoggerMessage(11, LogLevel.Information, "User {AuthId} logged in and was given a bearer token.", EventName = "IssuedBearerToken")]
    public static partial void IssuedBearerToken(this ILogger logger, string authId);

    [LoggerMessage(3, LogLevel.Debug, "Login of user {AuthId} renewed.", EventName = "LoginRenewed")]
    public static partial void LoginRenewed(this ILogger logger, string authId);

    [LoggerMessage(4, LogLevel.Information, "A {Source} token was rejected: {Reason}.", EventName = "TokenRejected")]
    public static partial void TokenRejected(this ILogger logger, string source, Tokens.AuthTokenRejection reason);

    [LoggerMessage(14, LogLevel.Debug, "A {Source} token could not be checked now; the request is anonymous.", EventName = "TokenNotChecked")]
    public static partial void TokenNotChecked(this ILogger logger, string source);

    [LoggerMessage(5, LogLevel.Information, "A login attempt failed: the credentials were not accepted.", EventName = "LoginFailed")]
    public static partial void LoginFailed(this ILogger logger);

    [LoggerMessage(42, LogLevel.Error,
        "The credential validator accepted user {AuthId}, but the user's auth id or a claim holds a lone surrogate (text that isn't valid UTF-16), which a token can't carry; the login is refused as if the credentials were wrong. Clean the text in the user store.",
        EventName = "LoginNotCarried")]
    public static partial void LoginNotCarried(this ILogger logger, string authId);

    [LoggerMessage(6, LogLevel.Information, "A {Path} request was refused: its antiforgery token is missing or invalid.", EventName = "AntiforgeryRejected")]
    public static partial void AntiforgeryRejected(this ILogger logger, string path);

    [LoggerMessage(7, LogLevel.Warning,
        "A Secure cookie was set on a plain HTTP request to {Host}; browsers keep Secure cookies over plain HTTP only on localhost and loopback addresses, so they will ignore it. Serve the app over HTTPS.",
        EventName = "SecureCookieOverHttp")]
    public static partial void SecureCookieOverHttp(this ILogger logger, string host);

    [LoggerMessage(8, LogLevel.Warning,
        "BlazorCookieAuthOptions.Cookie.SecurePolicy is {SecurePolicy} for scheme {Scheme}: the login cookie can travel over plain HTTP, where anyone on the network can copy it. Leave it Always; browsers keep Secure cookies on http://localhost.",
        EventName = "InsecureCookie")]
    public static partial void InsecureCookie(this ILogger logger, Microsoft.AspNetCore.Http.CookieSecurePolicy securePolicy, string scheme);

    [LoggerMessage(9, LogLevel.Warning,
        "BlazorCookieAuthOptions.Cookie.HttpOnly is false for scheme {Scheme}: any script on the page, including injected script, can read and send away the login cookie. Leave it on; the kit's components don't need it.",
        EventName = "ScriptReadableCookie")]
    public static partial void ScriptReadableCookie(this ILogger logger, string scheme);

    [LoggerMessage(10, LogLevel.Warning,
        "BlazorCookieAuthOptions.Cookie.SameSite is None for scheme {Scheme}: other sites' pages can make requests that carry the login cookie. Use Lax (the default) unless the app is embedded cross-site.",
        EventName = "CrossSiteCookie")]
    public static partial void CrossSiteCookie(this ILogger logger, string scheme);

    [LoggerMessage(15, LogLevel.Warning,
        "BlazorCookieAuthOptions.Cookie.SameSite is Unspecified for scheme {Scheme}: the cookie is sent with no SameSite attribute, and what other sites' requests carry it is then up to each browser. Use Lax (the default) or Strict.",
        EventName = "UnspecifiedSameSiteCookie")]
    public static partial void UnspecifiedSameSiteCookie(this ILogger logger, string scheme);

    [LoggerMessage(16, LogLevel.Warning,
        "BlazorCookieAuthOptions.Cookie.Name '{CookieName}' for scheme {Scheme} has no __Host- or __Secure- prefix: a sibling subdomain or a plain-HTTP page of this host can set a cookie of that name and log the browser in as someone else. Leave Cookie.Name unset (it gets __Host-) or give it the prefix.",
        EventName = "UnprefixedCookieName")]
    public static partial void UnprefixedCookieName(this ILogger logger, string cookieName, string scheme);

    [LoggerMessage(17, LogLevel.Warning,
        "BlazorCookieAuthOptions.Cookie.Domain is '{CookieDomain}' for scheme {Scheme}: the login cookie goes to every subdomain of it, and any of them can read or replace it. Leave Cookie.Domain null for a host-only cookie unless the subdomains share the login.",
        EventName = "DomainCookie")]
    public static partial void DomainCookie(this ILogger logger, string cookieDomain, string scheme);

    [LoggerMessage(18, LogLevel.Warning,
        "BlazorCookieAuthOptions.Duration is {Days} days for scheme {Scheme}: browsers keep a cookie for at most 400 days, so a remembered login ends in the browser before its session does. Set Duration to 400 days or less.",
        EventName = "DurationPastBrowserLimit")]
    public static partial void DurationPastBrowserLimit(this ILogger logger, double days, string scheme);

    [LoggerMessage(19, LogLevel.Warning,
        "A request carried the {CookieName} cookie more than once, or under its name in other letter case, so it is anonymous and the cookie is deleted: a second cookie of that name may have been planted by a sibling subdomain or a plain-HTTP page.",
        EventName = "DuplicateCookie")]
    public static partial void DuplicateCookie(this ILogger logger, string cookieName);

    [LoggerMessage(20, LogLevel.Information, "A circuit turned anonymous: {Reason}.", EventName = "CircuitSignedOut")]
    public static partial void CircuitSignedOut(this ILogger logger, string reason);

    [LoggerMessage(21, LogLevel.Warning, "Rechecking the login of user {AuthId} in a circuit failed; the circuit turns anonymous.", EventName = "RevalidationFailed")]
    public static partial void RevalidationFailed(this ILogger logger, Exception exception, string authId);

    [LoggerMessage(22, LogLevel.Error, "A circuit failed to hear that its session ended; it turns anonymous at its next revalidation.", EventName = "EndNoticeFailed")]
    public static partial void EndNoticeFailed(this ILogger logger, Exception exception);

    [LoggerMessage(23, LogLevel.Debug, "A login from client {Client} was answered 429: {Limit} was reached.", EventName = "LoginRateLimited")]
    public static partial void LoginRateLimited(this ILogger logger, string client, string limit);

    [LoggerMessage(24, LogLevel.Warning,
        "Client {Client} failed {Limit} logins for one username within {Window}; that username is refused from that client until the window moves on (BlazorCookieAuthOptions.LoginFailureLimit).",
        EventName = "LoginFailureLimitReached")]
    public static partial void LoginFailureLimitReached(this ILogger logger, string client, int limit, TimeSpan window);

    [LoggerMessage(26, LogLevel.Warning,
        "app.MapBlazorCookieAuth() was not called, so nothing answers POST {Prefix}/login and {Prefix}/logout: a login form or <LogoutButton> that posts there gets 404 or 405. Add app.MapBlazorCookieAuth() after app.UseAntiforgery(). An app that logs users in only from endpoints of its own, through IAuthSession, can ignore this.",
        EventName = "EndpointsNotMapped")]
    public static partial void EndpointsNotMapped(this ILogger logger, string prefix);

    [LoggerMessage(27, LogLevel.Warning,
        "The default authentication scheme is '{OtherScheme}', not BlazorCookieAuth's '{Scheme}': a login sets the kit's cookie, but pages and [Authorize] authenticate with '{OtherScheme}', so users stay anonymous and are sent to its login page. Remove the other default (AddAuthentication(\"{OtherScheme}\") sets it) or make '{Scheme}' the default. If another default is meant, name '{Scheme}' in the policies of the kit's pages (AddAuthenticationSchemes) and filter out this event (OtherDefaultScheme) to silence it.",
        EventName = "OtherDefaultScheme")]
    public static partial void OtherDefaultScheme(this ILogger logger, string otherScheme, string scheme);

    [LoggerMessage(28, LogLevel.Warning,
        "The app serves {Address} over plain HTTP in Production and the login cookie is Secure: browsers drop Secure cookies on plain HTTP beyond localhost, so nobody stays logged in. Serve HTTPS; if a proxy in front serves HTTPS, enable forwarded headers (UseForwardedHeaders with X-Forwarded-Proto, or ASPNETCORE_FORWARDEDHEADERS_ENABLED=true) so the app knows.",
        EventName = "PlainHttpInProduction")]
    public static partial void PlainHttpInProduction(this ILogger logger, string address);

    [LoggerMessage(29, LogLevel.Error,
        "The page {Page} has [Authorize] but was about to render in a circuit for a user who is not logged in, so it was not rendered and the circuit ends. Routes.razor renders pages with a plain RouteView, which ignores [Authorize] once navigation is interactive: use <AuthorizeRouteView> in its place (with <NotAuthorized><RedirectToLogin /></NotAuthorized>).",
        EventName = "ProtectedPageWithoutAuthorizeRouteView")]
    public static partial void ProtectedPageWithoutAuthorizeRouteView(this ILogger logger, string page);

    [LoggerMessage(43, LogLevel.Warning,
        "app.UseAntiforgery() runs before app.UseAuthentication(), so antiforgery checks a signed-in user's forms as if nobody were signed in and refuses them with 400. Call app.UseAuthentication() and app.UseAuthorization() before app.UseAntiforgery().",
        EventName = "AntiforgeryBeforeAuthentication")]
    public static partial void AntiforgeryBeforeAuthentication(this ILogger logger);

    [LoggerMessage(12, LogLevel.Information, "User {AuthId} logged out everywhere: {Count} sessions ended.", EventName = "LoggedOutEverywhere")]
    public static partial void LoggedOutEverywhere(this ILogger logger, string authId, int count);

    [LoggerMessage(30, LogLevel.Information, "A session of user {AuthId} was ended by the app.", EventName = "SessionEnded")]
    public static partial void SessionEnded(this ILogger logger, string authId);

    [LoggerMessage(31, LogLevel.Information, "{Count} sessions of user {AuthId} were ended by the app (the current one kept: {KeptOne}).", EventName = "AllSessionsEnded")]
    public static partial void AllSessionsEnded(this ILogger logger, string authId, int count, bool keptOne);

    [LoggerMessage(32, LogLevel.Information,
        "A login of user {AuthId} ended {Count} older sessions to stay within the session limits (BlazorCookieAuthOptions.MaxSessionsPerUser is {Max}).",
        EventName = "OldestSessionsEnded")]
    public static partial void OldestSessionsEnded(this ILogger logger, string authId, int count, int max);

    [LoggerMessage(33, LogLevel.Warning, "Writing the last-seen time of a session of user {AuthId} failed; the request goes on.", EventName = "LastSeenWriteFailed")]
    public static partial void LastSeenWriteFailed(this ILogger logger, Exception exception, string authId);

    [LoggerMessage(34, LogLevel.Debug, "Removed {Count} ended sessions from the session store.", EventName = "EndedSessionsRemoved")]
    public static partial void EndedSessionsRemoved(this ILogger logger, int count);

    [LoggerMessage(35, LogLevel.Warning, "Removing ended sessions from the session store failed; the next round tries again.", EventName = "SessionCleanupFailed")]
    public static partial void SessionCleanupFailed(this ILogger logger, Exception exception);

    [LoggerMessage(36, LogLevel.Error,
        "The session store can't be reached (while trying to {What}). Until it answers again, requests that need a session check are treated as anonymous and logins fail with a 'try again' message; this is logged once per outage.",
        EventName = "SessionStoreUnavailable")]
    public static partial void SessionStoreUnavailable(this ILogger logger, Exception exception, string what);

    [LoggerMessage(37, LogLevel.Debug, "The session store still can't be reached (while trying to {What}).", EventName = "SessionStoreStillUnavailable")]
    public static partial void SessionStoreStillUnavailable(this ILogger logger, string what);

    [LoggerMessage(38, LogLevel.Information, "The session store answers again; sessions are checked as usual.", EventName = "SessionStoreAvailable")]
    public static partial void SessionStoreAvailable(this ILogger logger);

    [LoggerMessage(39, LogLevel.Warning,
        "End-of-session notices from other servers can't reach this server; until they do, every request asks the session store instead of the cache.",
        EventName = "SessionNoticesLost")]
    public static partial void SessionNoticesLost(this ILogger logger);

    [LoggerMessage(40, LogLevel.Information, "End-of-session notices reach this server again; the session cache starts afresh.", EventName = "SessionNoticesRestored")]
    public static partial void SessionNoticesRestored(this ILogger logger);

    [LoggerMessage(41, LogLevel.Error,
        "The Data Protection key ring can't be read, so tokens can't be checked; requests with one are treated as anonymous (their cookies are kept) until it can.",
        EventName = "KeyRingUnavailable")]
    public static partial void KeyRingUnavailable(this ILogger logger, Exception exception);

    [LoggerMessage(47, LogLevel.Warning,
        "A request to {Path} was refused with 403: it came over plain HTTP, and basic authentication takes credentials only over HTTPS, where nobody on the network can read them. Serve the app over HTTPS; if a proxy in front serves HTTPS, enable forwarded headers (UseForwardedHeaders with X-Forwarded-Proto) so the app knows.",
        EventName = "BasicAuthOverPlainHttp")]
    public static partial void BasicAuthOverPlainHttp(this ILogger logger, string path);

    [LoggerMessage(48, LogLevel.Information, "Basic authentication for {Path} failed: the Authorization header can't be read ({Problem}).", EventName = "BasicAuthUnreadable")]
    public static partial void BasicAuthUnreadable(this ILogger logger, string path, string problem);

    [LoggerMessage(49, LogLevel.Debug, "Basic authentication accepted user {AuthId} for {Path}.", EventName = "BasicAuthAccepted")]
    public static partial void BasicAuthAccepted(this ILogger logger, string authId, string path);

    [LoggerMessage(13, LogLevel.Warning,
        "BlazorCookieAuth keeps login sessions in memory: every user is logged out when the app restarts, and servers behind a load balancer don't share them. " +
        "Keep them in a database with services.AddBlazorCookieAuth(...).AddEntityFrameworkSessionStore(...) from the BlazorCookieAuth.EntityFrameworkCore package.",
        EventName = "MemorySessionStoreInProduction")]
    public static partial void MemorySessionStoreInProduction(this ILogger logger);
}
