using System.Reflection;
using BlazorCookieAuth.EntityFrameworkCore;
using BlazorCookieAuth.Passkeys;
using BlazorCookieAuth.Passkeys.EntityFrameworkCore;
using BlazorCookieAuth.Redis;

namespace BlazorCookieAuth.Tests.Docs;

/// <summary>The assemblies of the kit's runtime packages, which the documentation tests reflect over.</summary>
internal static class KitAssemblies
{
    public static IReadOnlyList<Assembly> All { get; } =
    [
        typeof(BlazorCookieAuthOptions).Assembly,
        typeof(AuthUser).Assembly,
        typeof(AuthSessionDbContext).Assembly,
        typeof(BlazorCookieAuthRedisOptions).Assembly,
        typeof(PasskeyOptions).Assembly,
        typeof(PasskeyDbContext).Assembly,
    ];
}
