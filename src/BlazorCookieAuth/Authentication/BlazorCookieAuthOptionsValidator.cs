using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace BlazorCookieAuth.Authentication;

/// <summary>Refuses contradictory options at startup, naming the option at fault.</summary>
internal sealed class BlazorCookieAuthOptionsValidator : IValidateOptions<BlazorCookieAuthOptions>
{
    private const string HostPrefix = "__Host-";
    private const string SecurePrefix = "__Secure-";

    /// <summary>Twice the interval at which a session's last-seen time is written, so an active user is never idle.</summary>
    private static readonly TimeSpan MinIdleTimeout = 2 * Sessions.AuthSessions.LastSeenWriteInterval;

    public ValidateOptionsResult Validate(string? name, BlazorCookieAuthOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        ValidateCookie(failures, options);

        if (options.Duration <= TimeSpan.Zero)
        {
            failures.Add($"BlazorCookieAuthOptions.Duration is {options.Duration}; a login must last longer than zero.");
        }

        if (options.UnrememberedDuration <= TimeSpan.Zero)
        {
            failures.Add($"BlazorCookieAuthOptions.UnrememberedDuration is {options.UnrememberedDuration}; a login without remember me must last longer than zero.");
        }

        if (options.IdleTimeout is { } idle && idle < MinIdleTimeout)
        {
            failures.Add($"BlazorCookieAuthOptions.IdleTimeout is {idle}; it must be at least {MinIdleTimeout}, since a session's last-seen time is written once a minute. Use null for no idle timeout.");
        }

        ValidateLimit(failures, nameof(options.LoginFailureLimit), options.LoginFailureLimit, nameof(options.LoginFailureWindow), options.LoginFailureWindow);
        ValidateLimit(failures, nameof(options.AccountFailureLimit), options.AccountFailureLimit, nameof(options.AccountFailureWindow), options.AccountFailureWindow);

        if (options.MaxSessionsPerUser < 1)
        {
            failures.Add($"BlazorCookieAuthOptions.MaxSessionsPerUser is {options.MaxSessionsPerUser}; a user needs room for at least one session.");
        }

        if (options.SessionCacheDuration < TimeSpan.Zero)
        {
            failures.Add($"BlazorCookieAuthOptions.SessionCacheDuration is {options.SessionCacheDuration}; use TimeSpan.Zero to read the session store on every request.");
        }

        if (options.SessionCacheSize < 0)
        {
            failures.Add($"BlazorCookieAuthOptions.SessionCacheSize is {options.SessionCacheSize}; use 0 to read the session store on every request.");
        }

        if (options.TokenCacheSize < 0)
        {
            failures.Add($"BlazorCookieAuthOptions.TokenCacheSize is {options.TokenCacheSize}; use 0 to turn the token cache off.");
        }

        if (options.SessionCleanupInterval <= TimeSpan.Zero)
        {
            failures.Add($"BlazorCookieAuthOptions.SessionCleanupInterval is {options.SessionCleanupInterval}; ended sessions need an interval longer than zero to be removed.");
        }

        if (options.FreshLoginMaxAge <= TimeSpan.Zero)
        {
            failures.Add($"BlazorCookieAuthOptions.FreshLoginMaxAge is {options.FreshLoginMaxAge}; a fresh login needs an age longer than zero.");
        }

        foreach (var claimType in options.WebAssemblyClaimTypes)
        {
            if (string.IsNullOrWhiteSpace(claimType) || ReservedClaimTypes.Contains(claimType))
            {
                failures.Add($"BlazorCookieAuthOptions.WebAssemblyClaimTypes names '{claimType}', which the kit never writes into a page: " +
                    "the name and role claims go there already, and the auth id, times and remembered flag have their own place. Name the app's own claim types only.");
            }
        }

        if (options.RevalidationInterval <= TimeSpan.Zero)
        {
            failures.Add($"BlazorCookieAuthOptions.RevalidationInterval is {options.RevalidationInterval}; circuits need an interval longer than zero to recheck their login.");
        }

        if (!Enum.IsDefined(options.Mode))
        {
            failures.Add($"BlazorCookieAuthOptions.Mode {(int)options.Mode} is not one of Cookie, Bearer, CookieAndBearer.");
        }

        if (string.IsNullOrEmpty(options.LoginPath))
        {
            failures.Add("BlazorCookieAuthOptions.LoginPath is empty; set it to the path of your login page, such as \"/login\".");
        }
        else if (!IsLocalPath(options.LoginPath))
        {
            failures.Add($"BlazorCookieAuthOptions.LoginPath '{options.LoginPath}' is not a path of this app: it must start with a single '/' and hold no query or fragment, such as \"/login\".");
        }

        if (options.ReauthenticationPath is { } reauthentication && !IsLocalPath(reauthentication))
        {
            failures.Add($"BlazorCookieAuthOptions.ReauthenticationPath '{reauthentication}' is not a path of this app: it must start with a single '/' and hold no query or fragment, such as \"/reauthenticate\". Leave it null to send users who need a fresh login to the login page.");
        }

        if (options.AccessDeniedPath is { } accessDenied && !IsLocalPath(accessDenied))
        {
            failures.Add($"BlazorCookieAuthOptions.AccessDeniedPath '{accessDenied}' is not a path of this app: it must start with a single '/' and hold no query or fragment, such as \"/access-denied\". Leave it null for a plain 403.");
        }

        if (string.IsNullOrWhiteSpace(options.ReturnUrlParameter))
        {
            failures.Add("BlazorCookieAuthOptions.ReturnUrlParameter is empty; set it to a query string name such as \"returnUrl\".");
        }

        if (string.IsNullOrWhiteSpace(options.Purpose))
        {
            failures.Add("BlazorCookieAuthOptions.Purpose is empty; it separates this app's tokens from others sharing the key ring.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateCookie(List<string> failures, BlazorCookieAuthOptions options)
    {
        var cookie = options.Cookie;
        var cookieName = cookie.Name ?? string.Empty;
        var path = cookie.Path ?? "/";
        if (cookieName.Length == 0 || cookieName.Any(c => char.IsControl(c) || char.IsWhiteSpace(c) || "()<>@,;:\\\"/[]?={}".Contains(c)))
        {
            failures.Add($"BlazorCookieAuthOptions.Cookie.Name '{cookieName}' is not a valid cookie name: use letters, digits and -_.!#$%&'*+^`|~ only.");
        }

        if (cookie.SameSite == SameSiteMode.None && !options.CookieAlwaysSecure)
        {
            failures.Add($"BlazorCookieAuthOptions.Cookie.SameSite is None but Cookie.SecurePolicy is {cookie.SecurePolicy}: browsers refuse SameSite=None cookies that are not Secure. Set Cookie.SecurePolicy to Always, or use Lax or Strict.");
        }

        // Browsers read the prefixes without regard to case, so "__host-" binds a cookie as "__Host-" does.
        if (cookieName.StartsWith(HostPrefix, StringComparison.OrdinalIgnoreCase))
        {
            if (cookie.Domain is not null)
            {
                failures.Add($"BlazorCookieAuthOptions.Cookie.Name '{cookieName}' has the __Host- prefix, which browsers accept only without a Domain, but Cookie.Domain is '{cookie.Domain}'. Remove Cookie.Domain or drop the prefix.");
            }

            if (path != "/")
            {
                failures.Add($"BlazorCookieAuthOptions.Cookie.Name '{cookieName}' has the __Host- prefix, which browsers accept only with Path=/, but Cookie.Path is '{path}'. Set Cookie.Path to \"/\" or drop the prefix.");
            }
        }

        if ((cookieName.StartsWith(HostPrefix, StringComparison.OrdinalIgnoreCase) || cookieName.StartsWith(SecurePrefix, StringComparison.OrdinalIgnoreCase)) && !options.CookieAlwaysSecure)
        {
            failures.Add($"BlazorCookieAuthOptions.Cookie.Name '{cookieName}' has a __Host- or __Secure- prefix, which browsers accept only on Secure cookies, but Cookie.SecurePolicy is {cookie.SecurePolicy}, not Always.");
        }

        if (path.Length == 0 || path[0] != '/')
        {
            failures.Add($"BlazorCookieAuthOptions.Cookie.Path '{path}' must start with '/'.");
        }

        if (cookie.Domain is { } domain && (domain.Length == 0 || domain.Any(c => char.IsWhiteSpace(c) || c is ';' or ',' or '/')))
        {
            failures.Add($"BlazorCookieAuthOptions.Cookie.Domain '{domain}' is not a valid domain; leave it null for a host-only cookie.");
        }

        if (cookie.Expiration is not null || cookie.MaxAge is not null)
        {
            failures.Add("BlazorCookieAuthOptions.Cookie.Expiration and Cookie.MaxAge are set by the kit: a remembered login's cookie lasts Duration, any other ends with the browser session. Leave them unset, and set Duration instead.");
        }

        if (!Enum.IsDefined(cookie.SecurePolicy))
        {
            failures.Add($"BlazorCookieAuthOptions.Cookie.SecurePolicy {(int)cookie.SecurePolicy} is not one of Always, SameAsRequest, None.");
        }
    }

    /// <summary>A path of this app: one leading '/', not '//' or '/\\' (another host), no query, fragment or control character.</summary>
    private static bool IsLocalPath(string path) =>
        path.Length > 0 && path[0] == '/' && (path.Length == 1 || path[1] is not '/' and not '\\')
        && path.IndexOfAny(['?', '#', '\\']) < 0 && !path.Any(char.IsControl);

    private static void ValidateLimit(List<string> failures, string limitName, int limit, string windowName, TimeSpan window)
    {
        if (limit < 0)
        {
            failures.Add($"BlazorCookieAuthOptions.{limitName} is {limit}; use a positive number, or 0 to turn the limit off.");
        }
        else if (limit > 0 && window <= TimeSpan.Zero)
        {
            failures.Add($"BlazorCookieAuthOptions.{windowName} is {window}; a rate limit needs a window longer than zero. Set {limitName} to 0 to turn the limit off.");
        }
    }
}
