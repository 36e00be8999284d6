using Microsoft.AspNetCore.Authorization;

namespace BlazorCookieAuth.Authorization;

/// <summary>Needs a login whose credentials were checked within <see cref="MaxAge"/>; see <see cref="AuthUser.IsFresh"/>.</summary>
/// <param name="MaxAge">How long ago the credentials may have been checked.</param>
internal sealed record FreshLoginRequirement(TimeSpan MaxAge) : IAuthorizationRequirement;
