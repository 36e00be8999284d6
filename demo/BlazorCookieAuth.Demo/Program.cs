using BlazorCookieAuth.Demo.Components;
using BlazorCookieAuth.Demo.Users;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddRazorComponents().AddInteractiveServerComponents();
builder.Services.AddBlazorCookieAuth(o =>
{
    o.LoginPath = "/login";
})
    .AddCredentialValidator<UserCredentialValidator>();
builder.Services.AddDemoUsers(builder.Configuration);

var app = builder.Build();

app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();

app.MapStaticAssets();
app.MapBlazorCookieAuth();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

app.Run();

/// <summary>The demo app's entry point, public so that tests can start it with <c>WebApplicationFactory&lt;Program&gt;</c>.</summary>
public partial class Program;
