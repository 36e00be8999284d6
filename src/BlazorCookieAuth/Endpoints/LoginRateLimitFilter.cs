using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;

namespace BlazorCookieAuth.Endpoints;

/// <summary>
/// Keeps the default login request limit on in an app that doesn't call <c>UseRateLimiter()</c>: when the login
/// endpoint still has the kit's policy (<see cref="BlazorCookieAuthDefaults.LoginRateLimiterPolicy"/>, not replaced by
/// the app's own <c>RequireRateLimiting</c> or turned off with <c>DisableRateLimiting</c>) and the middleware didn't
/// apply it, the same limit is counted here, before the antiforgery check and the password.
/// </summary>
internal sealed class LoginRateLimitFilter(LoginRateLimiter limiter) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var httpContext = context.HttpContext;
        var metadata = httpContext.GetEndpoint()?.Metadata;
        var kitPolicy = metadata?.GetMetadata<DisableRateLimitingAttribute>() is null
            && metadata?.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName == BlazorCookieAuthDefaults.LoginRateLimiterPolicy;
        if (kitPolicy && !LoginRateLimiterPolicy.WasApplied(httpContext) && limiter.CountRequest(LoginRateLimiter.ClientOf(httpContext)) is { } wait)
        {
            return await AuthEndpoints.RefuseRequestLimitAsync(httpContext, wait).ConfigureAwait(false);
        }

        return await next(context).ConfigureAwait(false);
    }
}
