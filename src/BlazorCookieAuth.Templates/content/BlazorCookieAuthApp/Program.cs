using BlazorCookieAuthApp.Components;
using BlazorCookieAuthApp.Users;
using Microsoft.AspNetCore.Identity;
//#if (UseSqlite)
using Microsoft.EntityFrameworkCore;
//#endif

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddRazorComponents().AddInteractiveServerComponents();
builder.Services.AddBlazorCookieAuth(o =>
{
    o.LoginPath = "/login";
    o.AccessDeniedPath = "/access-denied";
})
//#if (UseSqlite)
    // Login sessions live in SQLite (the Sessions connection string), so a remembered login survives a restart
    // and a logout stays a logout. Without this line they live in memory, and a restart logs everyone out.
    .AddEntityFrameworkSessionStore(o => o.UseSqlite(builder.Configuration.GetConnectionString("Sessions")
        ?? throw new InvalidOperationException("The connection string 'Sessions' is missing; appsettings.json sets it.")))
//#endif
    // Your own ICredentialValidator goes here. It checks the username and password posted to /auth/login
    // and returns the AuthUser to log in; UserCredentialValidator checks them against the starter UserStore.
    .AddCredentialValidator<UserCredentialValidator>();
builder.Services.AddSingleton<UserStore>();
builder.Services.AddSingleton<IPasswordHasher<AppUser>, PasswordHasher<AppUser>>();

var app = builder.Build();

if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/error", createScopeForErrors: true);
    app.UseHsts();
}

app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
app.UseHttpsRedirection();

app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();

app.MapStaticAssets();
app.MapBlazorCookieAuth();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

var users = app.Services.GetRequiredService<UserStore>();
//#if (UseSqlite)
await users.EnsureCreatedAsync(CancellationToken.None);
//#endif
if (app.Environment.IsDevelopment())
{
    // Two accounts to try the login with, in development only: alice is an admin, bob is not.
    await users.AddAsync("alice", "alice-password", ["admin"], CancellationToken.None);
    await users.AddAsync("bob", "bob-password", [], CancellationToken.None);
}

await app.RunAsync();
