//#if (UseWebAssembly && !UseAuto)
using System.Security.Claims;
using BlazorCookieAuth;
//#endif
using BlazorCookieAuthApp.Components;
using BlazorCookieAuthApp.Users;
//#if (UseWebAssembly && !UseAuto)
using Microsoft.AspNetCore.Components;
//#endif
using Microsoft.AspNetCore.Identity;
//#if (UseSqlite)
using Microsoft.EntityFrameworkCore;
//#endif

var builder = WebApplication.CreateBuilder(args);

//#if (UseAuto)
builder.Services.AddRazorComponents()
    .AddInteractiveServerComponents()
    .AddInteractiveWebAssemblyComponents();
//#elseif (UseWebAssembly && passkeys)
builder.Services.AddRazorComponents()
    .AddInteractiveWebAssemblyComponents()
    // The passkeys page runs on the server, over a circuit: the passkey package is a server one.
    .AddInteractiveServerComponents();
//#elseif (UseWebAssembly)
builder.Services.AddRazorComponents().AddInteractiveWebAssemblyComponents();
//#else
builder.Services.AddRazorComponents().AddInteractiveServerComponents();
//#endif
builder.Services.AddBlazorCookieAuth(o =>
{
    o.LoginPath = "/login";
    // Where a signed-in user confirms their password for a page that wants a fresh login, such as the sessions page.
    o.ReauthenticationPath = "/reauthenticate";
    o.AccessDeniedPath = "/access-denied";
})
//#if (UseSqlite)
    // Login sessions live in SQLite (the Sessions connection string), so a remembered login survives a restart
    // and a logout stays a logout. Without this line they live in memory, and a restart logs everyone out.
    .AddEntityFrameworkSessionStore(o => o.UseSqlite(builder.Configuration.GetConnectionString("Sessions")
        ?? throw new InvalidOperationException("The connection string 'Sessions' is missing; appsettings.json sets it.")))
//#endif
//#if (passkeys)
    // Passkeys beside the password: the "Sign in with a passkey" button on the login page, and /account/passkeys to
    // add, rename and remove them. PasskeyUserLoader gives the user a passkey signs in. Browsers refuse passkeys on IP
    // addresses, so open the app at http://localhost:PORT, as launchSettings.json does.
    .AddPasskeys<PasskeyUserLoader>(o => o.RelyingPartyName = "BlazorCookieAuthApp")
//#if (UseSqlite)
    // Passkeys live in the users database, beside the users they sign in; their tables are made at startup.
    .AddEntityFrameworkPasskeyStore(o => o.UseSqlite(builder.Configuration.GetConnectionString("Users")
        ?? throw new InvalidOperationException("The connection string 'Users' is missing; appsettings.json sets it.")))
//#else
    // Passkeys are kept in memory, as the starter users are: a restart forgets them.
//#endif
//#endif
    // Your own ICredentialValidator goes here. It checks the username and password posted to /auth/login
    // and returns the AuthUser to log in, and a signed-in user's password posted to /auth/reauthenticate;
    // UserCredentialValidator checks them against the starter UserStore.
    .AddCredentialValidator<UserCredentialValidator>();
builder.Services.AddSingleton<UserStore>();
builder.Services.AddSingleton<IPasswordHasher<AppUser>, PasswordHasher<AppUser>>();
//#if (UseWebAssembly && !UseAuto)

// The account page is prerendered here before it runs in the browser, so the HttpClient that its API button injects
// must exist on the server too. Only the browser calls it: the button is disabled until WebAssembly runs the page.
builder.Services.AddScoped(sp => new HttpClient { BaseAddress = new Uri(sp.GetRequiredService<NavigationManager>().BaseUri) });
//#endif

var app = builder.Build();

//#if (UseWebAssembly)
if (app.Environment.IsDevelopment())
{
    app.UseWebAssemblyDebugging();
}
else
{
    app.UseExceptionHandler("/error", createScopeForErrors: true);
    app.UseHsts();
}
//#else
if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/error", createScopeForErrors: true);
    app.UseHsts();
}
//#endif

app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
app.UseHttpsRedirection();

app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();

app.MapStaticAssets();
app.MapBlazorCookieAuth();
//#if (UseAuto)
app.MapRazorComponents<App>()
    .AddInteractiveServerRenderMode()
    .AddInteractiveWebAssemblyRenderMode()
    .AddAdditionalAssemblies(typeof(BlazorCookieAuthApp.Client._Imports).Assembly);
//#elseif (UseWebAssembly)
app.MapRazorComponents<App>()
    .AddInteractiveWebAssemblyRenderMode()
//#if (passkeys)
    .AddInteractiveServerRenderMode()
//#endif
    .AddAdditionalAssemblies(typeof(BlazorCookieAuthApp.Client._Imports).Assembly);

// A protected API, which the account page calls from the browser. It answers JSON, so an anonymous call gets 401
// rather than a redirect to the login page. WithNoStore: no cache keeps what it told a signed-in user.
app.MapGet("/api/me", (ICurrentUser currentUser) => new { currentUser.AuthId, Name = currentUser.User.FindClaimValue(ClaimTypes.Name) })
    .RequireAuthorization()
    .WithNoStore();
//#else
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
//#endif

var users = app.Services.GetRequiredService<UserStore>();
//#if (UseSqlite)
await users.EnsureCreatedAsync(CancellationToken.None);
//#endif
if (app.Environment.IsDevelopment())
{
    // Two accounts to try the login with, in development only: alice is an admin, bob is not.
    await users.AddAsync("alice", "Alice", "alice-password", ["admin"], CancellationToken.None);
    await users.AddAsync("bob", "Bob", "bob-password", [], CancellationToken.None);
}

await app.RunAsync();
