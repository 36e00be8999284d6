using BlazorCookieAuth.Authentication;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;

namespace BlazorCookieAuth.Authorization;

/// <summary>
/// Sends a signed-in user who fails only for want of a fresh login to the re-authentication page
/// (<see cref="BlazorCookieAuthOptions.ReauthenticationPath"/>, else the login page; 401 for an API request)
/// instead of the access-denied answer: logging in again is exactly what helps. Everything else goes to the
/// framework's default handling.
/// </summary>
internal sealed class FreshLoginResultHandler(BlazorCookieAuthScheme scheme) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(authorizeResult);
        if (authorizeResult.Forbidden
            && authorizeResult.AuthorizationFailure?.FailedRequirements is { } failed
            && failed.Any()
            && failed.All(r => r is FreshLoginRequirement))
        {
            return context.ChallengeAsync(scheme.Name, FreshLoginChallenge.Properties());
        }

        return _default.HandleAsync(next, context, policy, authorizeResult);
    }
}
