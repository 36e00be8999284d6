using System.Threading.RateLimiting;
using BlazorCookieAuth.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;

namespace BlazorCookieAuth.Endpoints;

/// <summary>
/// The rate limiter policy <see cref="BlazorCookieAuthDefaults.LoginRateLimiterPolicy"/>, which <c>MapBlazorCookieAuth</c>
/// puts on its endpoint group: at most <see cref="BlazorCookieAuthDefaults.LoginRequestLimit"/> login requests, right
/// or wrong, per client within <see cref="BlazorCookieAuthDefaults.LoginRequestWindow"/>, which bounds the password
/// hashing one client can cause. The client is <see cref="LoginRateLimiter.ClientOf"/>. The group's other endpoints
/// (logout, the session check) are not limited. A refused login gets the kit's 429 answer.
/// </summary>
internal sealed class LoginRateLimiterPolicy(AuthTelemetry telemetry) : IRateLimiterPolicy<string>
{
    /// <summary>Set on a request whose partition the rate limiting middleware asked for, so it is not counted again.</summary>
    private static readonly object AppliedKey = new();

    /// <summary>The partition of requests the policy doesn't limit; no client key looks like it.</summary>
    private const string Unlimited = "unlimited";

    /// <inheritdoc/>
    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => RejectAsync;

    /// <inheritdoc/>
    public RateLimitPartition<string> GetPartition(HttpContext httpContext)
    {
        httpContext.Items[AppliedKey] = true;
        return httpContext.GetEndpoint()?.Metadata.GetMetadata<LoginEndpointMetadata>() is null
            ? RateLimitPartition.GetNoLimiter(Unlimited)
            : RateLimitPartition.GetSlidingWindowLimiter("client " + LoginRateLimiter.ClientOf(httpContext), _ => LoginRateLimiter.RequestWindowOptions);
    }

    /// <summary>Whether the rate limiting middleware applied this policy to the request.</summary>
    public static bool WasApplied(HttpContext context) => context.Items.ContainsKey(AppliedKey);

    private async ValueTask RejectAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        telemetry.RateLimited(LoginRateLimit.RequestsPerClient);
        var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) && retryAfter > TimeSpan.Zero
            ? retryAfter
            : BlazorCookieAuthDefaults.LoginRequestWindow;
        var answer = await AuthEndpoints.RefuseRequestLimitAsync(context.HttpContext, wait).ConfigureAwait(false);
        await answer.ExecuteAsync(context.HttpContext).ConfigureAwait(false);
    }
}
