using BlazorCookieAuth.DocSamples.Components;

namespace BlazorCookieAuth.DocSamples.Recipes;

public static class PathBases
{
    public static void PathBase(WebApplicationBuilder builder)
    {
        #region path-base
        var app = builder.Build();

        app.UsePathBase("/shop");       // first: everything after it sees /login, not /shop/login
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapStaticAssets();
        app.MapBlazorCookieAuth();      // POST /shop/auth/login and /shop/auth/logout
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        #endregion
    }

    public static void CookiePerApp(WebApplicationBuilder builder)
    {
        #region cookie-per-app
        builder.Services.AddBlazorCookieAuth(o =>
        {
            o.LoginPath = "/login";         // within the app: the kit adds /shop
            o.Cookie.Path = "/shop";         // the browser sends the cookie to this app only
            o.Cookie.Name = "__Secure-Shop"; // a name of its own; __Host- needs Path=/
        })
            .AddCredentialValidator<MyValidator>();
        #endregion
    }

    public static void Prefix(WebApplication app)
    {
        #region prefix
        app.MapBlazorCookieAuth("/account/auth");   // POST /account/auth/login and /account/auth/logout
        #endregion
    }
}
