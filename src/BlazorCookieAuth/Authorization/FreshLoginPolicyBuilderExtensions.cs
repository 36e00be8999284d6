using BlazorCookieAuth.Authorization;

namespace Microsoft.AspNetCore.Authorization;

/// <summary>Adds BlazorCookieAuth's fresh-login requirement to authorization policies.</summary>
public static class FreshLoginPolicyBuilderExtensions
{
    /// <summary>
    /// Needs a signed-in user whose credentials were checked within <paramref name="maxAge"/>. A user who fails
    /// only this requirement is sent to the login page with the return URL (401 for an API request), not denied.
    /// </summary>
    /// <param name="builder">The policy builder.</param>
    /// <param name="maxAge">How long ago the credentials may have been checked; longer than zero.</param>
    /// <returns>The policy builder.</returns>
    public static AuthorizationPolicyBuilder RequireFreshLogin(this AuthorizationPolicyBuilder builder, TimeSpan maxAge)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(maxAge, TimeSpan.Zero);
        return builder.RequireAuthenticatedUser().AddRequirements(new FreshLoginRequirement(maxAge));
    }
}
