using System.Security.Claims;
using BlazorCookieAuth;
using BlazorCookieAuth.Demo.Components;
using Microsoft.AspNetCore.Components;
using BlazorCookieAuth.Demo.Users;
using Microsoft.EntityFrameworkCore;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddRazorComponents()
    .AddInteractiveServerComponents()
    .AddInteractiveWebAssemblyComponents();
var auth = builder.Services.AddBlazorCookieAuth(o =>
{
    o.LoginPath = "/login";

    // A signed-in user whose login isn't fresh enough for a [RequireFreshLogin] page (the password, delete and
    // sessions pages) confirms their password there, rather than logging in again.
    o.ReauthenticationPath = "/reauthenticate";

    // Any option can also come from configuration, such as --BlazorCookieAuth:LoginFailureLimit=0 (the security
    // load test turns the failure limit off that way to load the login itself).
    builder.Configuration.GetSection("BlazorCookieAuth").Bind(o);
})
    .AddCredentialValidator<UserCredentialValidator>()
    .AddUserLoader<AppUser, AppUserLoader>()

    // Passkeys beside the password: the sign-in button on /login, and /account/passkeys to add and remove them.
    // Browsers refuse passkeys on IP addresses, so the demo is opened at http://localhost:5000.
    .AddPasskeys<PasskeyUserLoader>(o => o.RelyingPartyName = "BlazorCookieAuth demo");

// Login sessions live in SQLite beside the users, so a remembered login survives a restart and a logout stays a
// logout. With a Redis connection string (--ConnectionStrings:Redis=127.0.0.1:6379) they live in Redis instead, with
// the key ring, so several copies of the demo share logins and logouts. --Sessions:Store=Memory keeps them in memory
// (the load test compares the stores).
if (builder.Configuration.GetConnectionString("Redis") is { Length: > 0 } redis)
{
    auth.AddRedis(redis);
}
else if (!string.Equals(builder.Configuration["Sessions:Store"], "Memory", StringComparison.OrdinalIgnoreCase))
{
    var sessionsPath = Path.Combine(builder.Environment.ContentRootPath, builder.Configuration["Sessions:DatabasePath"] ?? "App_Data/demo-sessions.db");
    Directory.CreateDirectory(Path.GetDirectoryName(sessionsPath)!);
    auth.AddEntityFrameworkSessionStore(o => o.UseSqlite($"Data Source={sessionsPath}"));
}

builder.Services.AddDemoUsers();

// Passkeys live in the user database, beside the users they sign in, so they survive a restart. Added after the demo
// users, whose startup step creates the database's folder; the store creates its tables at startup too.
auth.AddEntityFrameworkPasskeyStore(o => o.UseSqlite(builder.Configuration.GetConnectionString("Users")
    ?? throw new InvalidOperationException("The connection string 'Users' is missing; appsettings.json sets it.")));

// The WebAssembly page is prerendered here first, so the HttpClient it injects must exist on the server too. It is
// only called once the page runs in the browser (its button is disabled until then).
builder.Services.AddScoped(sp => new HttpClient { BaseAddress = new Uri(sp.GetRequiredService<NavigationManager>().BaseUri) });

var app = builder.Build();

app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();

app.MapStaticAssets();
var authEndpoints = app.MapBlazorCookieAuth();
if (string.Equals(app.Configuration["LoginRateLimiting"], "off", StringComparison.OrdinalIgnoreCase))
{
    // The security load test turns the login request limit off too (--LoginRateLimiting=off).
    authEndpoints.DisableRateLimiting();
}

app.MapRazorComponents<App>()
    .AddInteractiveServerRenderMode()
    .AddInteractiveWebAssemblyRenderMode()
    .AddAdditionalAssemblies(typeof(BlazorCookieAuth.Demo.Client._Imports).Assembly);

// A protected API for the WebAssembly page. It writes JSON, so an anonymous call gets 401 rather than a redirect to
// the login page. WithNoStore: no cache keeps what it told a signed-in user.
app.MapGet("/api/me", (ICurrentUser currentUser) => new DemoApiAnswer(
        currentUser.AuthId!, currentUser.User.FindClaimValue(ClaimTypes.Name), DateTimeOffset.UtcNow))
    .RequireAuthorization()
    .WithNoStore();

app.Run();

/// <summary>What <c>GET /api/me</c> answers: who called, and when.</summary>
internal sealed record DemoApiAnswer(string AuthId, string? Name, DateTimeOffset At);

/// <summary>The demo app's entry point, public so that tests can start it with <c>WebApplicationFactory&lt;Program&gt;</c>.</summary>
public partial class Program;
