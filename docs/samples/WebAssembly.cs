using System.Net.Http.Json;
using System.Security.Claims;
using BlazorCookieAuth.DocSamples.Components;
using Microsoft.AspNetCore.Components.WebAssembly.Hosting;

namespace BlazorCookieAuth.DocSamples;

/// <summary>The code of docs/webassembly.md.</summary>
public static class WebAssembly
{
    public static void ServerSetup(WebApplicationBuilder builder)
    {
        #region server-setup
        builder.Services.AddRazorComponents()
            .AddInteractiveServerComponents()
            .AddInteractiveWebAssemblyComponents();
        builder.Services.AddBlazorCookieAuth(o => o.LoginPath = "/login")
            .AddCredentialValidator<MyCredentialValidator>();

        var app = builder.Build();
        // ... UseAuthentication, UseAuthorization and UseAntiforgery, as usual
        app.MapBlazorCookieAuth();
        app.MapRazorComponents<App>()
            .AddInteractiveServerRenderMode()
            .AddInteractiveWebAssemblyRenderMode()
            .AddAdditionalAssemblies(typeof(MyApp.Client._Imports).Assembly);
        #endregion
    }

    public static async Task ClientProgram(string[] args)
    {
        #region client-program
        var builder = WebAssemblyHostBuilder.CreateDefault(args);
        builder.Services.AddBlazorCookieAuthClient();
        await builder.Build().RunAsync();
        #endregion
    }

    public static void ClaimTypesForWebAssembly(WebApplicationBuilder builder)
    {
        #region claim-types
        builder.Services.AddBlazorCookieAuth(o => o.WebAssemblyClaimTypes.Add(ClaimTypes.Email));
        #endregion
    }

    public static void ClientHttp(WebAssemblyHostBuilder builder)
    {
        #region client-http
        builder.Services.AddScoped(_ => new HttpClient { BaseAddress = new Uri(builder.HostEnvironment.BaseAddress) });
        #endregion
    }

    public static void ApiMe(WebApplication app)
    {
        #region api-me
        app.MapGet("/api/me", (ICurrentUser currentUser) => new DemoApiAnswer(
                currentUser.AuthId!, currentUser.User.FindClaimValue(ClaimTypes.Name), DateTimeOffset.UtcNow))
            .RequireAuthorization()
            .WithNoStore();
        #endregion
    }

    public static void ClientUserLoader(WebAssemblyHostBuilder builder)
    {
        #region client-user-loader
        builder.Services.AddScoped<IAuthUserLoader<Profile>, ProfileFromApi>();
        #endregion
    }
}

#region profile-from-api
/// <summary>The signed-in user's profile, as the server's API returns it.</summary>
public sealed record Profile(string DisplayName, string Email);

/// <summary>Loads the profile from the server, which checks the login; runs in the browser.</summary>
public sealed class ProfileFromApi(HttpClient http) : IAuthUserLoader<Profile>
{
    public async Task<Profile?> LoadUserAsync(string authId, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync("api/profile", cancellationToken);
        return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<Profile>(cancellationToken) : null;
    }
}
#endregion
