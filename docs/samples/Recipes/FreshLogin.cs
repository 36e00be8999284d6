using Microsoft.AspNetCore.Authorization;

namespace BlazorCookieAuth.DocSamples.Recipes;

public static class FreshLogin
{
    public static void Policies(WebApplicationBuilder builder)
    {
        #region policies
        builder.Services.AddBlazorCookieAuth(o =>
        {
            o.LoginPath = "/login";
            o.FreshLoginMaxAge = TimeSpan.FromMinutes(10);   // [RequireFreshLogin]; 15 minutes by default
        })
            .AddCredentialValidator<AppCredentialValidator>();

        builder.Services.AddAuthorizationBuilder()
            .AddPolicy("very-recent-login", p => p.RequireFreshLogin(TimeSpan.FromMinutes(2)));
        #endregion
    }

    public static void ReauthenticationPage(WebApplicationBuilder builder)
    {
        #region reauthentication-path
        builder.Services.AddBlazorCookieAuth(o =>
        {
            o.LoginPath = "/login";
            o.ReauthenticationPath = "/reauthenticate";   // stale logins confirm their password here; the login page when null
        })
            .AddCredentialValidator<AppCredentialValidator>();   // with ValidatePasswordAsync
        #endregion
    }

    public static void Endpoints(WebApplication app)
    {
        #region endpoints
        app.MapPost("/api/email", (EmailChange change) => Results.NoContent())
            .RequireAuthorization(BlazorCookieAuthDefaults.FreshLoginPolicy);   // what [RequireFreshLogin] names

        app.MapDelete("/api/account", () => Results.NoContent())
            .RequireAuthorization("very-recent-login");
        #endregion
    }

    public static void InCode(WebApplication app)
    {
        #region in-code
        app.MapPost("/api/payment-details", (PaymentDetails details, ICurrentUser currentUser, TimeProvider time) =>
            currentUser.User.IsFresh(TimeSpan.FromMinutes(5), time.GetUtcNow())
                ? Results.NoContent()
                : Results.Challenge())                   // to the login page, or 401 for an API client
            .RequireAuthorization();
        #endregion
    }
}

/// <summary>Stands for a request body of the recipe's endpoints.</summary>
public sealed record EmailChange(string Email);

/// <summary>Stands for a request body of the recipe's endpoints.</summary>
public sealed record PaymentDetails(string Iban);
