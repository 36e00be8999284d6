using BlazorCookieAuth.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace BlazorCookieAuth.Authorization;

/// <summary>Registers <see cref="BlazorCookieAuthDefaults.FreshLoginPolicy"/> with the configured age, on the kit's scheme.</summary>
internal sealed class ConfigureFreshLoginPolicy(IOptionsMonitor<BlazorCookieAuthOptions> options, BlazorCookieAuthScheme scheme)
    : IConfigureOptions<AuthorizationOptions>
{
    public void Configure(AuthorizationOptions authorization)
    {
        ArgumentNullException.ThrowIfNull(authorization);
        var maxAge = options.Get(scheme.Name).FreshLoginMaxAge;
        authorization.AddPolicy(BlazorCookieAuthDefaults.FreshLoginPolicy, policy => policy
            .AddAuthenticationSchemes(scheme.Name)
            .RequireFreshLogin(maxAge));
    }
}
