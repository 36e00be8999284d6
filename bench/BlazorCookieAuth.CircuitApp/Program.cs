using System.Security.Claims;
using BlazorCookieAuth;
using BlazorCookieAuth.CircuitApp;
using BlazorCookieAuth.CircuitApp.Components;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.DataProtection;

var builder = WebApplication.CreateBuilder(args);
var auth = builder.Configuration.GetValue<AuthUnderTest?>("Auth")
    ?? throw new InvalidOperationException("Choose what authenticates the circuits with --Auth=None, --Auth=Cookie or --Auth=Kit.");
builder.Logging.SetMinimumLevel(LogLevel.Warning);

// The bench runs the build output, not a published app, and outside Development only a published app serves
// blazor.web.js; this serves it from the build's static web assets in any environment.
builder.WebHost.UseStaticWebAssets();

// Keys live in memory, so every run signs its cookies with keys of its own and leaves none behind.
builder.Services.AddDataProtection().UseEphemeralDataProtectionProvider();

// A circuit whose browser went away is dropped after a second, not kept three minutes for a reconnect, so that the
// warm-up's circuits are gone before the heap is read. Connected circuits, the ones measured, are not affected.
builder.Services.AddRazorComponents()
    .AddInteractiveServerComponents(o => o.DisconnectedCircuitRetentionPeriod = TimeSpan.FromSeconds(1));
builder.Services.AddSingleton<OpenCircuits>();
builder.Services.AddSingleton<CircuitHandler>(sp => sp.GetRequiredService<OpenCircuits>());

var authenticationScheme = auth switch
{
    AuthUnderTest.Cookie => CookieAuthenticationDefaults.AuthenticationScheme,
    AuthUnderTest.Kit => BlazorCookieAuthDefaults.AuthenticationScheme,
    _ => null,
};
if (auth == AuthUnderTest.Cookie)
{
    builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
        .AddCookie(o => o.Cookie.SecurePolicy = CookieSecurePolicy.Always);
    builder.Services.AddAuthorization();
    builder.Services.AddCascadingAuthenticationState();
}
else if (auth == AuthUnderTest.Kit)
{
    // Every browser logs in as the same user, and the default cap of 50 sessions a user would end the first
    // browsers' sessions (and turn their circuits anonymous) once the fifty-first logs in.
    builder.Services.AddBlazorCookieAuth(o => o.MaxSessionsPerUser = int.MaxValue);
}

var app = builder.Build();
if (authenticationScheme is not null)
{
    app.UseAuthentication();
    app.UseAuthorization();
}

app.UseAntiforgery();
app.MapStaticAssets();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

// For the bench only: it logs anyone in as the same user, with no credentials and no antiforgery token. Both schemes
// get the user made by the kit's AuthUser, so that the two principals match claim for claim.
app.MapPost("/login", () =>
{
    if (authenticationScheme is null)
    {
        return Results.Ok();
    }

    var alice = new AuthUser("42", [new Claim(ClaimTypes.Name, "Alice"), new Claim(ClaimTypes.Role, "admin")]);
    return Results.SignIn(alice.ToClaimsPrincipal(authenticationScheme), new AuthenticationProperties { IsPersistent = false }, authenticationScheme);
}).DisableAntiforgery();

// For the bench only: who the request is authenticated as, so the bench sees that a login took before it opens a circuit on it.
app.MapGet("/me", (ClaimsPrincipal user) => user.Identity?.Name ?? "nobody");

// For the bench only: the live managed heap, after collections that leave only what is reachable, and the circuits
// that hold part of it.
app.MapGet("/memory", (OpenCircuits circuits) =>
{
    GC.Collect();
    GC.WaitForPendingFinalizers();
    GC.Collect();
    return new MemoryReport(GC.GetTotalMemory(forceFullCollection: true), circuits.Count);
});

app.Run();
