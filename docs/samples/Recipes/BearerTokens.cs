using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;

namespace BlazorCookieAuth.DocSamples.Recipes;

public static class BearerTokens
{
    public static void BearerMode(WebApplicationBuilder builder)
    {
        #region bearer-mode
        builder.Services.AddBlazorCookieAuth(o =>
        {
            o.Mode = AuthMode.Bearer;               // Authorization: Bearer <token>, and no cookie
            o.Duration = TimeSpan.FromDays(30);     // how long a token lasts
        })
            .AddCredentialValidator<AppCredentialValidator>()
            .AddBasicAuth();                        // for .RequireBasicAuth() on the token endpoint
        #endregion
    }

    public static void CookieAndBearer(WebApplicationBuilder builder)
    {
        #region cookie-and-bearer
        builder.Services.AddBlazorCookieAuth(o =>
        {
            o.LoginPath = "/login";
            o.Mode = AuthMode.CookieAndBearer;      // browsers send the cookie, API clients a bearer header
        })
            .AddCredentialValidator<AppCredentialValidator>()
            .AddBasicAuth();                        // for .RequireBasicAuth() on the token endpoint
        #endregion
    }

    public static void Endpoints(WebApplication app)
    {
        #region endpoints
        // POST with Authorization: Basic: the ICredentialValidator checks the password, under the login rate limits.
        app.MapPost("/api/token", async (HttpContext context, IAuthTokenService tokens) =>
            new TokenAnswer(await tokens.CreateTokenAsync(AuthUser.FromClaimsPrincipal(context.User))))
            .RequireBasicAuth();

        // Ends the session of the token the request came with.
        app.MapPost("/api/logout", async (IAuthSession session) =>
        {
            await session.LogoutAsync();
            return Results.NoContent();
        }).RequireAuthorization();

        app.MapGet("/api/orders", (ICurrentUser currentUser) => new { owner = currentUser.AuthId, orders = Array.Empty<int>() })
            .RequireAuthorization();
        #endregion
    }

    public static async Task Client(string username, string password)
    {
        #region client
        using var http = new HttpClient { BaseAddress = new Uri("https://app.example.com") };

        using var login = new HttpRequestMessage(HttpMethod.Post, "/api/token");
        login.Headers.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{username}:{password}")));
        using var answer = await http.SendAsync(login);
        var token = (await answer.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<TokenAnswer>())!.Token;

        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var orders = await http.GetStringAsync("/api/orders");
        #endregion

        Console.WriteLine(orders);
    }

    public static async Task<int> ListTokens(IAuthSessionManager sessions, string authId)
    {
        #region list-tokens
        // Tokens are sessions: list them, and end one or all.
        var all = await sessions.ListSessionsAsync(authId);
        foreach (var session in all.Where(s => s.CreatedAt < DateTimeOffset.UtcNow.AddDays(-90)))
        {
            await sessions.EndSessionAsync(authId, session.SessionId);
        }
        #endregion

        return all.Count;
    }
}

#region token-answer
/// <summary>What <c>POST /api/token</c> answers.</summary>
public sealed record TokenAnswer(string Token);
#endregion
