using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;

namespace BlazorCookieAuth.Endpoints;

/// <summary>
/// The rate limiter policy <see cref="BlazorCookieAuthDefaults.LoginRateLimiterPolicy"/>, which <c>MapBlazorCookieAuth</c>
/// puts on its endpoint group. It marks the endpoints whose login requests the kit limits: at most
/// <see cref="BlazorCookieAuthDefaults.LoginRequestLimit"/> per client within
/// <see cref="BlazorCookieAuthDefaults.LoginRequestWindow"/>, right or wrong, which bounds the password hashing one
/// client can cause. The endpoints count that limit themselves, after their antiforgery check
/// (<see cref="LoginRateLimiter.CountRequestAfterAntiforgery"/>), so that requests without a valid token leave no
/// state behind; the policy itself limits nothing. It is registered so that an app with <c>UseRateLimiter()</c>
/// resolves it, and an app replaces it on the endpoints with its own policy, or turns it off.
/// </summary>
internal sealed class LoginRateLimiterPolicy : IRateLimiterPolicy<string>
{
    /// <summary>The one partition of the policy; it has no limiter, so it holds no state per client.</summary>
    private static readonly RateLimitPartition<string> Unlimited = RateLimitPartition.GetNoLimiter("unlimited");

    /// <inheritdoc/>
    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => null;

    /// <inheritdoc/>
    public RateLimitPartition<string> GetPartition(HttpContext httpContext) => Unlimited;
}
