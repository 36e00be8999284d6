using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace BlazorCookieAuth.Authentication;

/// <summary>
/// Makes the kit's scheme the app's default authentication scheme, unless the app chose one, so that
/// <c>HttpContext.User</c>, <c>[Authorize]</c> and challenges use it without naming it.
/// </summary>
internal sealed class ConfigureDefaultScheme(BlazorCookieAuthScheme scheme) : IConfigureOptions<AuthenticationOptions>
{
    public void Configure(AuthenticationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.DefaultScheme ??= scheme.Name;
    }
}
