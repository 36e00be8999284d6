using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;

namespace BlazorCookieAuth.DocSamples.Recipes;

public static class RolesAndPolicies
{
    public static void Policies(WebApplicationBuilder builder)
    {
        #region policies
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy("admins", p => p.RequireRole("admin"))
            .AddPolicy("editors", p => p.RequireRole("admin", "editor"))
            .AddPolicy("paying", p => p.RequireClaim("plan", "pro", "team"));

        builder.Services.AddBlazorCookieAuth(o =>
        {
            o.LoginPath = "/login";
            o.AccessDeniedPath = "/access-denied";   // signed-in users without permission; a plain 403 when null
            o.WebAssemblyClaimTypes.Add("plan");     // so that WebAssembly components can check "paying" too
        })
            .AddCredentialValidator<AppCredentialValidator>();
        #endregion
    }

    public static void Endpoints(WebApplication app)
    {
        #region endpoints
        app.MapGet("/api/stats", () => new { users = 42 }).RequireAuthorization("admins");
        app.MapGet("/api/reports", () => new { reports = 7 }).RequireAuthorization(p => p.RequireRole("admin", "auditor"));

        var editing = app.MapGroup("/api/articles").RequireAuthorization("editors");
        editing.MapPut("/{id:int}", (int id) => Results.NoContent());
        #endregion
    }

    public static void InCode(WebApplication app)
    {
        #region in-code
        app.MapGet("/api/menu", (ICurrentUser currentUser, HttpContext context) => new
        {
            currentUser.IsAuthenticated,
            ShowAdmin = context.User.IsInRole("admin"),
            Plan = currentUser.User.FindClaimValue("plan"),
        });
        #endregion
    }

    public static AuthUser ClaimsAtLogin(int id, string displayName, string plan, IEnumerable<string> roles)
    {
        #region claims-at-login
        // In the ICredentialValidator: the roles and the plan travel in the cookie with the user.
        Claim[] claims =
        [
            new(ClaimTypes.Name, displayName),
            new("plan", plan),
            .. roles.Select(role => new Claim(ClaimTypes.Role, role)),
        ];
        return new AuthUser(id.ToString(CultureInfo.InvariantCulture), claims);
        #endregion
    }

    public static void RoleChange(WebApplication app)
    {
        #region role-change
        app.MapPost("/admin/users/{id:int}/roles", async (int id, string[] roles, AppDbContext db, IAuthSessionManager sessions) =>
        {
            var user = await db.Users.FindAsync(id);
            if (user is null)
            {
                return Results.NotFound();
            }

            user.Roles = [.. roles];
            await db.SaveChangesAsync();

            // The old roles are in the user's cookies: end their sessions, so the next login carries the new ones.
            await sessions.EndAllSessionsAsync(id.ToString(CultureInfo.InvariantCulture));
            return Results.NoContent();
        }).RequireAuthorization("admins");
        #endregion
    }

    public static void FallbackPolicy(WebApplicationBuilder builder)
    {
        #region fallback-policy
        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());

        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.MapBlazorCookieAuth();   // the login, logout and session endpoints stay open by themselves
        #endregion
    }
}
