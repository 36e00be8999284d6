using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace BlazorCookieAuth.Testing;

/// <summary>
/// Quart-Auth's <c>authenticated_client</c> and <c>generate_auth_token</c> for <see cref="WebApplicationFactory{TEntryPoint}"/>.
/// </summary>
public static class WebApplicationFactoryAuthExtensions
{
    /// <summary>
    /// Makes a valid token for <paramref name="authId"/>, signed by the app's own key ring, with a session of its
    /// own in the app's session store. Send it as <c>Authorization: Bearer &lt;token&gt;</c> (bearer modes) or as
    /// the auth cookie's value.
    /// </summary>
    /// <typeparam name="TEntryPoint">The app's entry point.</typeparam>
    /// <param name="factory">The factory of the app under test.</param>
    /// <param name="authId">The auth id to sign in as.</param>
    /// <param name="claims">Optional extra claims, such as a display name or roles.</param>
    /// <returns>The token.</returns>
    public static Task<string> CreateAuthTokenAsync<TEntryPoint>(
        this WebApplicationFactory<TEntryPoint> factory,
        string authId,
        IEnumerable<System.Security.Claims.Claim>? claims = null)
        where TEntryPoint : class
    {
        ArgumentNullException.ThrowIfNull(factory);
        return factory.Services.GetRequiredService<IAuthTokenService>().CreateTokenAsync(new AuthUser(authId, claims));
    }

    /// <summary>
    /// Creates a client that is signed in as <paramref name="authId"/>, with a session of its own: its cookie
    /// container holds a valid auth cookie, so logging out through the app clears it as it would in a browser. The client talks to
    /// <c>https://localhost</c> (Secure cookies are only sent over HTTPS) and does not follow redirects,
    /// unless <paramref name="options"/> says otherwise.
    /// </summary>
    /// <typeparam name="TEntryPoint">The app's entry point.</typeparam>
    /// <param name="factory">The factory of the app under test.</param>
    /// <param name="authId">The auth id to sign in as.</param>
    /// <param name="options">Client options; <see cref="WebApplicationFactoryClientOptions.HandleCookies"/> is always on.</param>
    /// <returns>The signed-in client.</returns>
    /// <exception cref="InvalidOperationException">The app's scheme is in <see cref="AuthMode.Bearer"/> mode, which has no cookie.</exception>
    public static async Task<HttpClient> CreateAuthenticatedClientAsync<TEntryPoint>(
        this WebApplicationFactory<TEntryPoint> factory,
        string authId,
        WebApplicationFactoryClientOptions? options = null)
        where TEntryPoint : class
    {
        ArgumentNullException.ThrowIfNull(factory);
        options ??= new WebApplicationFactoryClientOptions
        {
            BaseAddress = new Uri("https://localhost"),
            AllowAutoRedirect = false,
        };

        var authOptions = factory.Services.GetRequiredService<IOptionsMonitor<BlazorCookieAuthOptions>>()
            .Get(AuthenticationSchemeOf(factory.Services));
        if (authOptions.Mode == AuthMode.Bearer)
        {
            throw new InvalidOperationException(
                "The app's BlazorCookieAuth Mode is Bearer, which reads no cookie. Send CreateAuthTokenAsync's token as 'Authorization: Bearer <token>' instead.");
        }

        var cookies = new CookieContainer();
        var token = await factory.CreateAuthTokenAsync(authId).ConfigureAwait(false);
        cookies.Add(options.BaseAddress, new Cookie(authOptions.Cookie.Name!, token, authOptions.Cookie.Path ?? "/")
        {
            Secure = authOptions.Cookie.SecurePolicy != CookieSecurePolicy.None,
            HttpOnly = authOptions.Cookie.HttpOnly,
        });

        var handlers = new List<DelegatingHandler>();
        if (options.AllowAutoRedirect)
        {
            handlers.Add(new RedirectHandler(options.MaxAutomaticRedirections));
        }

        handlers.Add(new CookieContainerHandler(cookies));
        return factory.CreateDefaultClient(options.BaseAddress, [.. handlers]);
    }

    private static string AuthenticationSchemeOf(IServiceProvider services)
    {
        var schemes = services.GetRequiredService<Microsoft.AspNetCore.Authentication.IAuthenticationSchemeProvider>();
        var scheme = schemes.GetAllSchemesAsync().GetAwaiter().GetResult()
            .FirstOrDefault(s => s.HandlerType.Assembly == typeof(IAuthSession).Assembly)
            ?? throw new InvalidOperationException("The app under test has no BlazorCookieAuth scheme: call services.AddBlazorCookieAuth(...) in its Program.cs.");
        return scheme.Name;
    }
}
