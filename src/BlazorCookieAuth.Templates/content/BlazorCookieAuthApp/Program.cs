using BlazorCookieAuthApp.Components;
using BlazorCookieAuthApp.Users;
using Microsoft.AspNetCore.Identity;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddRazorComponents().AddInteractiveServerComponents();
builder.Services.AddBlazorCookieAuth(o =>
{
    o.LoginPath = "/login";
    o.AccessDeniedPath = "/access-denied";
})
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
