using Microsoft.AspNetCore.Authorization;

namespace BlazorCookieAuth.Authorization;

/// <summary>Succeeds <see cref="FreshLoginRequirement"/> for a user whose credentials were checked recently enough.</summary>
internal sealed class FreshLoginHandler(TimeProvider timeProvider) : AuthorizationHandler<FreshLoginRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, FreshLoginRequirement requirement)
    {
        if (AuthUser.FromClaimsPrincipal(context.User).IsFresh(requirement.MaxAge, timeProvider.GetUtcNow()))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
