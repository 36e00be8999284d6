using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using BlazorCookieAuth.DocSamples.Components;
using BlazorCookieAuth.DocSamples.Recipes;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc;

namespace BlazorCookieAuth.DocSamples;

/// <summary>The code of docs/migrating-from-quart-auth.md.</summary>
public static class MigratingFromQuartAuth
{
    public static void SetUp(string[] args)
    {
        #region set-up
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddBlazorCookieAuth(o => o.LoginPath = "/login")
            .AddCredentialValidator<AppCredentialValidator>();

        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapBlazorCookieAuth(); // POST /auth/login, POST /auth/logout
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        app.Run();
        #endregion
    }

    public static void Settings(WebApplicationBuilder builder)
    {
        #region settings
        builder.Services.AddBlazorCookieAuth(o =>
        {
            o.Duration = TimeSpan.FromDays(30);            // QUART_AUTH_DURATION
            o.Purpose = "my-app auth";                     // QUART_AUTH_SALT
            o.Cookie.Name = "__Host-MyApp";                // QUART_AUTH_COOKIE_NAME
            o.Cookie.SameSite = SameSiteMode.Strict;       // QUART_AUTH_COOKIE_SAMESITE
        });
        #endregion
    }

    public static void Keys(WebApplicationBuilder builder)
    {
        #region keys
        // SECRET_KEY and SECRET_KEY_FALLBACKS: a key ring that rotates by itself. Persist it, and share it between servers.
        builder.Services.AddDataProtection()
            .SetApplicationName("my-app")
            .PersistKeysToFileSystem(new DirectoryInfo(builder.Configuration["DataProtection:KeysFolder"]!));
        #endregion
    }

    public static void LoginRequired(WebApplication app)
    {
        #region login-required
        app.MapGet("/profile", (ICurrentUser currentUser) => $"Hello {currentUser.AuthId}")
            .RequireAuthorization();
        #endregion
    }

    public static void CurrentUser(WebApplication app)
    {
        #region current-user
        app.MapGet("/hello", (ICurrentUser currentUser) =>
            currentUser.IsAuthenticated ? $"Hello {currentUser.User.DisplayName}" : "Hello logged out user");
        #endregion
    }

    public static void LoginUser(WebApplication app)
    {
        #region login-user
        app.MapPost("/magic-link/{code}", async (string code, MagicLinks links, IAuthSession session) =>
        {
            if (await links.RedeemAsync(code) is not { } userId)
            {
                return Results.LocalRedirect("~/login?error=1");
            }

            await session.LoginAsync(new AuthUser(userId), remember: true);  // login_user(AuthUser(id), remember=True)
            return Results.LocalRedirect("~/");
        });
        #endregion
    }

    public static void LogoutUser(WebApplication app)
    {
        #region logout-user
        // POST /auth/logout already does this; an endpoint of your own can too.
        app.MapPost("/signout", async (IAuthSession session) =>
        {
            await session.LogoutAsync();                   // logout_user()
            return Results.LocalRedirect("~/");
        });
        #endregion
    }

    public static void RenewLogin(WebApplication app)
    {
        #region renew-login
        app.MapPost("/renew", async (IAuthSession session) =>
        {
            await session.RenewAsync();                    // renew_login()
            return Results.Ok();
        }).RequireAuthorization();
        #endregion
    }

    public static void Unauthorized(WebApplication app)
    {
        #region unauthorized
        app.MapGet("/reports/{id:int}", (int id, ICurrentUser currentUser) =>
            currentUser.IsAuthenticated
                ? Results.Ok(new { id })
                : Results.Challenge());                    // raise Unauthorized(): a login redirect, or 401 for an API client
        #endregion
    }

    public static void DumpToken(WebApplication app)
    {
        #region dump-token
        // POST with Authorization: Basic; the username and password go to the app's ICredentialValidator.
        app.MapPost("/api/token", async (HttpContext context, IAuthTokenService tokens) =>
            new { token = await tokens.CreateTokenAsync(AuthUser.FromClaimsPrincipal(context.User)) })
            .RequireBasicAuth();
        #endregion
    }

    public static async Task<string?> LoadToken(IAuthTokenService tokens, string token)
    {
        #region load-token
        var user = await tokens.ValidateTokenAsync(token);    // load_token(token)
        return user.IsAuthenticated ? user.AuthId : null;     // anonymous when the token is refused
        #endregion
    }

    public static void BasicAuth(WebApplication app)
    {
        #region basic-auth
        app.MapGet("/metrics", () => "...").RequireBasicAuth();
        #endregion
    }

    public static void UserLoader(WebApplicationBuilder builder)
    {
        #region user-loader
        builder.Services.AddBlazorCookieAuth()
            .AddCredentialValidator<AppCredentialValidator>()
            .AddUserLoader<AppUser, AppUserLoader>();      // user_class, or Flask-Login's user_loader
        #endregion
    }

    public static void UseUserLoader(WebApplication app)
    {
        #region use-user-loader
        app.MapGet("/email", async (ICurrentUser currentUser) =>
            (await currentUser.GetUserAsync<AppUser>())?.DisplayName)
            .RequireAuthorization();
        #endregion
    }
}

#region configured-credentials
/// <summary>
/// basic_auth_required's QUART_AUTH_BASIC_USERNAME and QUART_AUTH_BASIC_PASSWORD: one user whose credentials come from
/// configuration, compared in constant time.
/// </summary>
public sealed class ConfiguredCredentialValidator(IConfiguration configuration) : ICredentialValidator
{
    public Task<AuthUser?> ValidateAsync(string username, string password, CancellationToken cancellationToken)
    {
        var expectedUser = configuration["BasicAuth:Username"] ?? "";
        var expectedPassword = configuration["BasicAuth:Password"] ?? "";

        // Both are compared every time, so the time taken tells nothing about which one was wrong.
        var matches = Same(username, expectedUser) & Same(password, expectedPassword);
        var configured = expectedUser.Length > 0 && expectedPassword.Length > 0;
        return Task.FromResult<AuthUser?>(configured && matches ? new AuthUser(expectedUser) : null);
    }

    // Hashes first, so that the comparison takes as long whatever the lengths.
    private static bool Same(string given, string expected) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(given)), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
}
#endregion

/// <summary>Stands for an app's one-time login links.</summary>
public sealed class MagicLinks
{
    /// <summary>The user id a link's code was made for, or null when the code is unknown, used or old.</summary>
    public Task<string?> RedeemAsync(string code) => Task.FromResult<string?>(null);
}
