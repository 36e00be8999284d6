using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace BlazorCookieAuth.Benchmarks;

/// <summary>
/// One server's authentication for a single scheme: the root services an app builds at startup, and requests made
/// as the server makes them, each with a DI scope of its own (handlers are cached per scope, so a request that
/// reused one would skip creating its handler).
/// </summary>
internal sealed class AuthServer : IDisposable
{
    private readonly ServiceProvider _services;

    private AuthServer(ServiceProvider services, string scheme, string cookieName)
    {
        _services = services;
        Scheme = scheme;
        CookieName = cookieName;
    }

    /// <summary>The scheme every request authenticates and signs in with.</summary>
    public string Scheme { get; }

    /// <summary>The name of the cookie that carries the login.</summary>
    public string CookieName { get; }

    /// <summary>The root services, for what a benchmark calls directly.</summary>
    public IServiceProvider Services => _services;

    /// <summary>A server with BlazorCookieAuth and its in-memory session store.</summary>
    /// <param name="configure">Changes the kit's options from their defaults.</param>
    public static AuthServer WithKit(Action<BlazorCookieAuthOptions>? configure = null)
    {
        var services = Build(s => s.AddBlazorCookieAuth(o => configure?.Invoke(o)));

        // A server starts with its key ring in place. A new ring's first key is a key ring change, after which the
        // kit remembers no validated token for a minute (ValidatedTokenCache.KeyRingSettleTime), so the key is made
        // before the kit's services start.
        services.GetRequiredService<IDataProtectionProvider>().CreateProtector(nameof(AuthServer)).Protect([0]);
        var scheme = BlazorCookieAuthDefaults.AuthenticationScheme;
        var cookieName = services.GetRequiredService<IOptionsMonitor<BlazorCookieAuthOptions>>().Get(scheme).Cookie.Name!;
        return new AuthServer(services, scheme, cookieName);
    }

    /// <summary>A server with ASP.NET Core's cookie scheme, <c>AddCookie()</c>, with its defaults.</summary>
    public static AuthServer WithAddCookie()
    {
        var scheme = CookieAuthenticationDefaults.AuthenticationScheme;
        var services = Build(s => s.AddAuthentication(scheme).AddCookie());
        var cookieName = services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(scheme).Cookie.Name!;
        return new AuthServer(services, scheme, cookieName);
    }

    /// <summary>Authenticates a request that carries <paramref name="cookieHeader"/>, as the server would.</summary>
    /// <param name="cookieHeader">The request's <c>Cookie</c> header.</param>
    public async Task<AuthenticateResult> AuthenticateAsync(string cookieHeader)
    {
        await using var scope = _services.CreateAsyncScope();
        var context = NewRequest(scope.ServiceProvider);
        context.Request.Headers.Cookie = cookieHeader;
        return await context.AuthenticateAsync(Scheme);
    }

    /// <summary>Signs <paramref name="principal"/> in on a new request, as a login endpoint would.</summary>
    /// <param name="principal">The user to sign in.</param>
    /// <param name="remember">Whether the login is remembered: a persistent cookie.</param>
    /// <returns>The response's <c>Set-Cookie</c> headers.</returns>
    public async Task<StringValues> SignInAsync(ClaimsPrincipal principal, bool remember)
    {
        await using var scope = _services.CreateAsyncScope();
        var context = NewRequest(scope.ServiceProvider);
        await context.SignInAsync(Scheme, principal, new AuthenticationProperties { IsPersistent = remember });
        return context.Response.Headers.SetCookie;
    }

    /// <summary>Signs Alice in and returns the value of the login cookie the response sets.</summary>
    /// <param name="remember">Whether the login is remembered.</param>
    /// <exception cref="InvalidOperationException">The response sets no login cookie.</exception>
    public async Task<string> LoginAliceAsync(bool remember)
    {
        var setCookies = await SignInAsync(Alice.Principal(Scheme), remember);
        return SetCookieHeaderValue.ParseList(setCookies).FirstOrDefault(c => c.Name == CookieName)?.Value.Value
            ?? throw new InvalidOperationException($"Signing in with {Scheme} set no '{CookieName}' cookie (Set-Cookie: {setCookies}).");
    }

    public void Dispose() => _services.Dispose();

    private static ServiceProvider Build(Action<IServiceCollection> addScheme)
    {
        var services = new ServiceCollection();

        // No logging providers: logging is off, so neither scheme pays for writing logs.
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddDataProtection();
        services.Configure<KeyManagementOptions>(o => o.XmlRepository = new MemoryKeyStore());
        addScheme(services);
        return services.BuildServiceProvider();
    }

    private static DefaultHttpContext NewRequest(IServiceProvider requestServices)
    {
        var context = new DefaultHttpContext { RequestServices = requestServices };
        context.Request.Scheme = "https";
        context.Request.Host = new HostString("localhost");
        context.Request.Path = "/";
        return context;
    }
}
