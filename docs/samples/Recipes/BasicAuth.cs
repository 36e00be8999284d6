namespace BlazorCookieAuth.DocSamples.Recipes;

public static class BasicAuth
{
    public static void Services(WebApplicationBuilder builder)
    {
        #region services
        builder.Services.AddBlazorCookieAuth().AddCredentialValidator<AppCredentialValidator>()
            .AddBasicAuth();                                                   // the Basic scheme, once
        #endregion
    }

    public static void Endpoints(WebApplication app)
    {
        #region endpoints
        app.MapGet("/metrics", (ICurrentUser user) => $"metrics for {user.AuthId}").RequireBasicAuth();   // realm: the app's name
        app.MapGroup("/admin-api").RequireBasicAuth(realm: "Admin");               // every endpoint of the group
        app.MapGet("/export", () => "id,name").RequireBasicAuth(o => o.Realm = "Export")
            .RequireAuthorization(p => p.RequireRole("admin"));                    // and only admins (others get 403)
        #endregion
    }
}
