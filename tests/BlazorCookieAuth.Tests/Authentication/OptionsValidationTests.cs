using BlazorCookieAuth.Tests.TestHost;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace BlazorCookieAuth.Tests.Authentication;

/// <summary>Settings that contradict each other or can't work fail at startup, naming the option.</summary>
public class OptionsValidationTests
{
    public static TheoryData<string, Action<BlazorCookieAuthOptions>> Contradictions => new()
    {
        { "Cookie.SameSite is None but Cookie.SecurePolicy is None", o => { o.Cookie.SameSite = SameSiteMode.None; o.Cookie.SecurePolicy = CookieSecurePolicy.None; o.Cookie.Name = "auth"; } },
        { "Cookie.SameSite is None but Cookie.SecurePolicy is SameAsRequest", o => { o.Cookie.SameSite = SameSiteMode.None; o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest; o.Cookie.Name = "auth"; } },
        { "__Host- prefix, which browsers accept only without a Domain", o => { o.Cookie.Name = "__Host-auth"; o.Cookie.Domain = "example.com"; } },
        { "__Host- prefix, which browsers accept only with Path=/", o => { o.Cookie.Name = "__Host-auth"; o.Cookie.Path = "/app"; } },
        { "'__host-auth' has the __Host- prefix, which browsers accept only without a Domain", o => { o.Cookie.Name = "__host-auth"; o.Cookie.Domain = "example.com"; } },
        { "accept only on Secure cookies, but Cookie.SecurePolicy is None, not Always", o => { o.Cookie.Name = "__SECURE-auth"; o.Cookie.SecurePolicy = CookieSecurePolicy.None; } },
        { "accept only on Secure cookies, but Cookie.SecurePolicy is None, not Always", o => { o.Cookie.Name = "__Secure-auth"; o.Cookie.SecurePolicy = CookieSecurePolicy.None; } },
        { "Duration is 00:00:00", o => o.Duration = TimeSpan.Zero },
        { "Duration is -01:00:00", o => o.Duration = TimeSpan.FromHours(-1) },
        { "Cookie.Name 'my auth' is not a valid cookie name", o => o.Cookie.Name = "my auth" },
        { "Cookie.Path 'app' must start with '/'", o => o.Cookie.Path = "app" },
        { "Cookie.Expiration and Cookie.MaxAge are set by the kit", o => o.Cookie.Expiration = TimeSpan.FromDays(1) },
        { "Cookie.Expiration and Cookie.MaxAge are set by the kit", o => o.Cookie.MaxAge = TimeSpan.FromDays(1) },
        { "Mode 7 is not one of", o => o.Mode = (AuthMode)7 },
        { "ReturnUrlParameter is empty", o => o.ReturnUrlParameter = " " },
        { "Purpose is empty", o => o.Purpose = "" },
        { "UnrememberedDuration is 00:00:00", o => o.UnrememberedDuration = TimeSpan.Zero },
        { "IdleTimeout is 00:01:00; it must be at least 00:02:00", o => o.IdleTimeout = TimeSpan.FromMinutes(1) },
        { "MaxSessionsPerUser is 0", o => o.MaxSessionsPerUser = 0 },
        { "SessionCacheDuration is -00:00:01", o => o.SessionCacheDuration = TimeSpan.FromSeconds(-1) },
        { "SessionCacheSize is -1; use 0 to read the session store on every request", o => o.SessionCacheSize = -1 },
        { "SessionCleanupInterval is 00:00:00", o => o.SessionCleanupInterval = TimeSpan.Zero },
        { "FreshLoginMaxAge is 00:00:00", o => o.FreshLoginMaxAge = TimeSpan.Zero },
        { "LoginPath 'login' is not a path of this app: it must start with a single '/'", o => o.LoginPath = "login" },
        { "LoginPath '//evil.example/login' is not a path of this app", o => o.LoginPath = "//evil.example/login" },
        { "LoginPath '/login?next=1' is not a path of this app", o => o.LoginPath = "/login?next=1" },
        { "LoginPath is empty", o => o.LoginPath = "" },
        { "AccessDeniedPath 'denied' is not a path of this app", o => o.AccessDeniedPath = "denied" },
        { "LoginFailureLimit is -1; use a positive number, or 0 to turn the limit off", o => o.LoginFailureLimit = -1 },
        { "LoginFailureWindow is 00:00:00; a rate limit needs a window longer than zero", o => o.LoginFailureWindow = TimeSpan.Zero },
        { "AccountFailureLimit is -1; use a positive number, or 0 to turn the limit off", o => o.AccountFailureLimit = -1 },
        { "AccountFailureWindow is -01:00:00; a rate limit needs a window longer than zero", o => o.AccountFailureWindow = TimeSpan.FromHours(-1) },
        { "WebAssemblyClaimTypes names 'https://blazorcookieauth/claims/sessionid', which the kit never writes into a page", o => o.WebAssemblyClaimTypes.Add(BlazorCookieAuthClaimTypes.SessionId) },
        { "WebAssemblyClaimTypes names ' '", o => o.WebAssemblyClaimTypes.Add(" ") },
    };

    [Theory]
    [MemberData(nameof(Contradictions))]
    public async Task Contradictory_settings_fail_at_startup_naming_the_option(string expected, Action<BlazorCookieAuthOptions> configure)
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => TestApp.StartAsync(configure));

        Assert.Contains("BlazorCookieAuthOptions.", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
