using Microsoft.Extensions.Logging;

namespace BlazorCookieAuth;

internal static partial class LoggingExtensions
{
    [LoggerMessage(1, LogLevel.Information,
        "User {AuthId} logged in (remembered: {Remembered}).",
        EventName = "LoggedIn")]
    public static partial void LoggedIn(this ILogger logger, string authId, bool remembered);

    [LoggerMessage(2, LogLevel.Information,
        "User {AuthId} logged out.",
        EventName = "LoggedOut")]
    public static partial void LoggedOut(this ILogger logger, string authId);

    [LoggerMessage(3, LogLevel.Information,
        "User {AuthId} logged in and was given a bearer token.",
        EventName = "IssuedBearerToken")]
    public static partial void IssuedBearerToken(this ILogger logger, string authId);

    [LoggerMessage(4, LogLevel.Debug,
        "Login of user {AuthId} renewed.",
        EventName = "LoginRenewed")]
    public static partial void LoginRenewed(this ILogger logger, string authId);

    [LoggerMessage(5, LogLevel.Information,
        "A {Source} token was rejected: {Reason}.",
        EventName = "TokenRejected")]
    public static partial void TokenRejected(this ILogger logger, string source, Tokens.AuthTokenRejection reason);

    [LoggerMessage(6, LogLevel.Debug,
        "A {Source} token could not be checked now; the request is anonymous.",
        EventName = "TokenNotChecked")]
    public static partial void TokenNotChecked(this ILogger logger, string source);

    [LoggerMessage(7, LogLevel.Information,
        "A login attempt failed: the credentials were not accepted.",
        EventName = "LoginFailed")]
    public static partial void LoginFailed(this ILogger logger);

    [LoggerMessage(8, LogLevel.Error,
        "The credential validator accepted user {AuthId}, but its auth id or a claim holds a lone surrogate, which a token can't carry, so the login was refused. Clean the text in the user store.",
        EventName = "LoginNotCarried")]
    public static partial void LoginNotCarried(this ILogger logger, string authId);

    [LoggerMessage(9, LogLevel.Information,
        "A {Path} request was refused: its antiforgery token is missing or invalid.",
        EventName = "AntiforgeryRejected")]
    public static partial void AntiforgeryRejected(this ILogger logger, string path);

    [LoggerMessage(10, LogLevel.Warning,
        "A Secure cookie was set on a plain HTTP request to {Host}; browsers keep Secure cookies over plain HTTP only on localhost and loopback addresses, so they will ignore it. Serve the app over HTTPS.",
        EventName = "SecureCookieOverHttp")]
    public static partial void SecureCookieOverHttp(this ILogger logger, string host);

    [LoggerMessage(11, LogLevel.Warning,
        "BlazorCookieAuthOptions.Cookie.SecurePolicy is {SecurePolicy} for scheme {Scheme}: the login cookie can travel over plain HTTP. Leave it Always; browsers keep Secure cookies on localhost.",
        EventName = "InsecureCookie")]
    public static partial void InsecureCookie(this ILogger logger, Microsoft.AspNetCore.Http.CookieSecurePolicy securePolicy, string scheme);

    [LoggerMessage(12, LogLevel.Warning,
        "BlazorCookieAuthOptions.Cookie.HttpOnly is false for scheme {Scheme}: any script on the page can read the login cookie. Leave it true; the kit's components don't need it.",
        EventName = "ScriptReadableCookie")]
    public static partial void ScriptReadableCookie(this ILogger logger, string scheme);

    [LoggerMessage(13, LogLevel.Warning,
        "BlazorCookieAuthOptions.Cookie.SameSite is None for scheme {Scheme}: other sites' pages can make requests that carry the login cookie. Use Lax (the default) unless the app is embedded cross-site.",
        EventName = "CrossSiteCookie")]
    public static partial void CrossSiteCookie(this ILogger logger, string scheme);

    [LoggerMessage(14, LogLevel.Warning,
        "BlazorCookieAuthOptions.Cookie.SameSite is Unspecified for scheme {Scheme}: each browser decides which cross-site requests carry the cookie. Use Lax (the default) or Strict.",
        EventName = "UnspecifiedSameSiteCookie")]
    public static partial void UnspecifiedSameSiteCookie(this ILogger logger, string scheme);

    [LoggerMessage(15, LogLevel.Warning,
        "BlazorCookieAuthOptions.Cookie.Name '{CookieName}' for scheme {Scheme} has no __Host- or __Secure- prefix, so a sibling subdomain can plant it. Leave Cookie.Name unset or add a prefix.",
        EventName = "UnprefixedCookieName")]
    public static partial void UnprefixedCookieName(this ILogger logger, string cookieName, string scheme);

    [LoggerMessage(16, LogLevel.Warning,
        "BlazorCookieAuthOptions.Cookie.Domain is '{CookieDomain}' for scheme {Scheme}: every subdomain gets the login cookie and can replace it. Leave it null unless they share the login.",
        EventName = "DomainCookie")]
    public static partial void DomainCookie(this ILogger logger, string cookieDomain, string scheme);

    [LoggerMessage(17, LogLevel.Warning,
        "BlazorCookieAuthOptions.Duration is {Days} days for scheme {Scheme}, but browsers keep a cookie for at most 400 days. Set Duration to 400 days or less.",
        EventName = "DurationPastBrowserLimit")]
    public static partial void DurationPastBrowserLimit(this ILogger logger, double days, string scheme);

    [LoggerMessage(18, LogLevel.Warning,
        "A request carried the {CookieName} cookie twice or in other letter case, so it is anonymous and the cookie deleted. If it repeats, rename the cookie after changing its path or domain.",
        EventName = "DuplicateCookie")]
    public static partial void DuplicateCookie(this ILogger logger, string cookieName);

    [LoggerMessage(19, LogLevel.Information,
        "A circuit turned anonymous: {Reason}.",
        EventName = "CircuitSignedOut")]
    public static partial void CircuitSignedOut(this ILogger logger, string reason);

    [LoggerMessage(20, LogLevel.Warning,
        "Rechecking the login of user {AuthId} in a circuit failed; the circuit turns anonymous.",
        EventName = "RevalidationFailed")]
    public static partial void RevalidationFailed(this ILogger logger, Exception exception, string authId);

    [LoggerMessage(21, LogLevel.Error,
        "A circuit failed to hear that its session ended; it turns anonymous at its next revalidation.",
        EventName = "EndNoticeFailed")]
    public static partial void EndNoticeFailed(this ILogger logger, Exception exception);

    [LoggerMessage(22, LogLevel.Debug,
        "A login from client {Client} was answered 429: {Limit} was reached.",
        EventName = "LoginRateLimited")]
    public static partial void LoginRateLimited(this ILogger logger, string client, string limit);

    [LoggerMessage(23, LogLevel.Warning,
        "Client {Client} failed {Limit} logins for one username within {Window}; that username is refused from that client until the window moves on (BlazorCookieAuthOptions.LoginFailureLimit).",
        EventName = "LoginFailureLimitReached")]
    public static partial void LoginFailureLimitReached(this ILogger logger, string client, int limit, TimeSpan window);

    [LoggerMessage(24, LogLevel.Warning,
        "app.MapBlazorCookieAuth() was not called, so POST {Prefix}/login and {Prefix}/logout answer 404 or 405. Call it after app.UseAntiforgery(), unless only IAuthSession logs users in.",
        EventName = "EndpointsNotMapped")]
    public static partial void EndpointsNotMapped(this ILogger logger, string prefix);

    [LoggerMessage(25, LogLevel.Warning,
        "The default authentication scheme is '{OtherScheme}', not the kit's '{Scheme}', so logged-in users stay anonymous. Remove the other default, or name '{Scheme}' in the kit's policies.",
        EventName = "OtherDefaultScheme")]
    public static partial void OtherDefaultScheme(this ILogger logger, string otherScheme, string scheme);

    [LoggerMessage(26, LogLevel.Warning,
        "The app serves {Address} over plain HTTP in Production, where browsers drop the Secure login cookie. Serve HTTPS, or enable forwarded headers behind a proxy that serves HTTPS.",
        EventName = "PlainHttpInProduction")]
    public static partial void PlainHttpInProduction(this ILogger logger, string address);

    [LoggerMessage(27, LogLevel.Error,
        "The [Authorize] page {Page} was about to render for an anonymous circuit under a plain RouteView, so the circuit ends. Use <AuthorizeRouteView> in Routes.razor.",
        EventName = "ProtectedPageWithoutAuthorizeRouteView")]
    public static partial void ProtectedPageWithoutAuthorizeRouteView(this ILogger logger, string page);

    [LoggerMessage(28, LogLevel.Warning,
        "app.UseAntiforgery() runs before app.UseAuthentication(), so signed-in users' forms get 400. Call UseAuthentication() and UseAuthorization() before UseAntiforgery().",
        EventName = "AntiforgeryBeforeAuthentication")]
    public static partial void AntiforgeryBeforeAuthentication(this ILogger logger);

    [LoggerMessage(29, LogLevel.Information,
        "User {AuthId} logged out everywhere: {Count} sessions ended.",
        EventName = "LoggedOutEverywhere")]
    public static partial void LoggedOutEverywhere(this ILogger logger, string authId, int count);

    [LoggerMessage(30, LogLevel.Information,
        "A session of user {AuthId} was ended by the app.",
        EventName = "SessionEnded")]
    public static partial void SessionEnded(this ILogger logger, string authId);

    [LoggerMessage(31, LogLevel.Information,
        "{Count} sessions of user {AuthId} were ended by the app (the current one kept: {KeptOne}).",
        EventName = "AllSessionsEnded")]
    public static partial void AllSessionsEnded(this ILogger logger, string authId, int count, bool keptOne);

    [LoggerMessage(32, LogLevel.Information,
        "A login of user {AuthId} ended {Count} older sessions to stay within the session limits (BlazorCookieAuthOptions.MaxSessionsPerUser is {Max}).",
        EventName = "OldestSessionsEnded")]
    public static partial void OldestSessionsEnded(this ILogger logger, string authId, int count, int max);

    [LoggerMessage(33, LogLevel.Warning,
        "Writing the last-seen time of a session of user {AuthId} failed; the request goes on.",
        EventName = "LastSeenWriteFailed")]
    public static partial void LastSeenWriteFailed(this ILogger logger, Exception exception, string authId);

    [LoggerMessage(34, LogLevel.Debug,
        "Removed {Count} ended sessions from the session store.",
        EventName = "EndedSessionsRemoved")]
    public static partial void EndedSessionsRemoved(this ILogger logger, int count);

    [LoggerMessage(35, LogLevel.Warning,
        "Removing ended sessions from the session store failed; the next round tries again.",
        EventName = "SessionCleanupFailed")]
    public static partial void SessionCleanupFailed(this ILogger logger, Exception exception);

    [LoggerMessage(36, LogLevel.Error,
        "The session store can't be reached (while trying to {What}): session checks fail closed and logins ask to try again until it answers. Bring the store back; logged once per outage.",
        EventName = "SessionStoreUnavailable")]
    public static partial void SessionStoreUnavailable(this ILogger logger, Exception exception, string what);

    [LoggerMessage(37, LogLevel.Debug,
        "The session store still can't be reached (while trying to {What}).",
        EventName = "SessionStoreStillUnavailable")]
    public static partial void SessionStoreStillUnavailable(this ILogger logger, string what);

    [LoggerMessage(38, LogLevel.Information,
        "The session store answers again; sessions are checked as usual.",
        EventName = "SessionStoreAvailable")]
    public static partial void SessionStoreAvailable(this ILogger logger);

    [LoggerMessage(39, LogLevel.Warning,
        "End-of-session notices from other servers can't reach this server; until they do, every request asks the session store instead of the cache.",
        EventName = "SessionNoticesLost")]
    public static partial void SessionNoticesLost(this ILogger logger);

    [LoggerMessage(40, LogLevel.Information,
        "End-of-session notices reach this server again; the session cache starts afresh.",
        EventName = "SessionNoticesRestored")]
    public static partial void SessionNoticesRestored(this ILogger logger);

    [LoggerMessage(41, LogLevel.Error,
        "The Data Protection key ring can't be read, so tokens can't be checked; requests with one are treated as anonymous (their cookies are kept) until it can.",
        EventName = "KeyRingUnavailable")]
    public static partial void KeyRingUnavailable(this ILogger logger, Exception exception);

    [LoggerMessage(42, LogLevel.Warning,
        "A basic-auth request to {Path} came over plain HTTP and was refused with 403. Serve HTTPS, or enable forwarded headers behind a proxy that serves HTTPS.",
        EventName = "BasicAuthOverPlainHttp")]
    public static partial void BasicAuthOverPlainHttp(this ILogger logger, string path);

    [LoggerMessage(43, LogLevel.Information,
        "Basic authentication for {Path} failed: the Authorization header can't be read ({Problem}).",
        EventName = "BasicAuthUnreadable")]
    public static partial void BasicAuthUnreadable(this ILogger logger, string path, string problem);

    [LoggerMessage(44, LogLevel.Debug,
        "Basic authentication accepted user {AuthId} for {Path}.",
        EventName = "BasicAuthAccepted")]
    public static partial void BasicAuthAccepted(this ILogger logger, string authId, string path);

    [LoggerMessage(45, LogLevel.Warning,
        "Login sessions are kept in memory in Production: a restart logs everyone out, and servers don't share them. Add AddEntityFrameworkSessionStore(...) or AddRedis(...) to the kit.",
        EventName = "MemorySessionStoreInProduction")]
    public static partial void MemorySessionStoreInProduction(this ILogger logger);

    [LoggerMessage(46, LogLevel.Error,
        "The login page {LoginPath} requires a login itself, so it was answered 500 instead of redirecting to itself forever. Put @attribute [AllowAnonymous] on the login page.",
        EventName = "LoginPageRequiresLogin")]
    public static partial void LoginPageRequiresLogin(this ILogger logger, string loginPath);

    [LoggerMessage(47, LogLevel.Warning,
        "An account failed {Limit} logins from all clients within {Window}; every attempt for it is refused until the window moves on (BlazorCookieAuthOptions.AccountFailureLimit).",
        EventName = "AccountFailureLimitReached")]
    public static partial void AccountFailureLimitReached(this ILogger logger, int limit, TimeSpan window);

    [LoggerMessage(48, LogLevel.Information,
        "The credentials of user {AuthId} changed: {Count} sessions with credentials checked before were ended, and logins that checked them are refused.",
        EventName = "CredentialsChanged")]
    public static partial void CredentialsChanged(this ILogger logger, string authId, int count);

    [LoggerMessage(49, LogLevel.Information,
        "User {AuthId} proved who they are again with their password; the login is fresh and has a new session.",
        EventName = "Reauthenticated")]
    public static partial void Reauthenticated(this ILogger logger, string authId);

    [LoggerMessage(50, LogLevel.Information,
        "A login of user {AuthId} was refused: the user's credentials changed after this login checked them.",
        EventName = "LoginAfterCredentialsChanged")]
    public static partial void LoginAfterCredentialsChanged(this ILogger logger, string authId);

    [LoggerMessage(51, LogLevel.Warning,
        "A logout of user {AuthId} (everywhere: {Everywhere}) couldn't reach the session store; this server refuses the session now, and the end is applied once the store answers.",
        EventName = "SessionEndDeferred")]
    public static partial void SessionEndDeferred(this ILogger logger, string authId, bool everywhere);

    [LoggerMessage(52, LogLevel.Warning,
        "More than {Max} logouts wait for the session store, so the oldest, of user {AuthId}, was dropped: that session stays live once the store answers.",
        EventName = "PendingSessionEndDropped")]
    public static partial void PendingSessionEndDropped(this ILogger logger, int max, string authId);

    [LoggerMessage(53, LogLevel.Information,
        "The session store answers again: {Count} logouts that waited for it were applied.",
        EventName = "PendingSessionEndsApplied")]
    public static partial void PendingSessionEndsApplied(this ILogger logger, int count);

    [LoggerMessage(54, LogLevel.Error,
        "The app stops with {Count} logouts still waiting for the session store; they are lost, and those sessions stay live. End them with IAuthSessionManager once it answers.",
        EventName = "PendingSessionEndsLost")]
    public static partial void PendingSessionEndsLost(this ILogger logger, int count);
}
