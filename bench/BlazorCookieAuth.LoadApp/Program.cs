using System.Security.Claims;
using BlazorCookieAuth;
using BlazorCookieAuth.LoadApp;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;

var builder = WebApplication.CreateBuilder(args);
var scheme = builder.Configuration.GetValue<SchemeUnderTest?>("Scheme")
    ?? throw new InvalidOperationException("Choose what guards /hello with --Scheme=None, --Scheme=Floor, --Scheme=Cookie or --Scheme=Kit.");
builder.Logging.SetMinimumLevel(LogLevel.Warning);

// Keys live in memory, so every run signs its cookies with keys of its own and leaves none behind.
builder.Services.AddDataProtection().UseEphemeralDataProtectionProvider();
var authenticationScheme = scheme switch
{
    SchemeUnderTest.Floor => FixedUserHandler.SchemeName,
    SchemeUnderTest.Cookie => CookieAuthenticationDefaults.AuthenticationScheme,
    SchemeUnderTest.Kit => BlazorCookieAuthDefaults.AuthenticationScheme,
    _ => null,
};
if (scheme == SchemeUnderTest.Floor)
{
    builder.Services.AddAuthentication(FixedUserHandler.SchemeName)
        .AddScheme<AuthenticationSchemeOptions, FixedUserHandler>(FixedUserHandler.SchemeName, configureOptions: null);
    builder.Services.AddAuthorization();
}
else if (scheme == SchemeUnderTest.Cookie)
{
    builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
        .AddCookie(o => o.Cookie.SecurePolicy = CookieSecurePolicy.Always);
    builder.Services.AddAuthorization();
}
else if (scheme == SchemeUnderTest.Kit)
{
    builder.Services.AddBlazorCookieAuth();
}

var app = builder.Build();
if (authenticationScheme is not null)
{
    app.UseAuthentication();
    app.UseAuthorization();
}

var hello = app.MapGet("/hello", () => "Hello");
if (authenticationScheme is not null)
{
    hello.RequireAuthorization();
}

// For the load test only: it logs anyone in, with no credentials and no antiforgery token. Both schemes get the
// same user, made by the kit's AuthUser so that the two principals match claim for claim.
app.MapPost("/login", () =>
{
    if (authenticationScheme is null || scheme == SchemeUnderTest.Floor)
    {
        return Results.Ok();
    }

    var alice = new AuthUser("42", [new Claim(ClaimTypes.Name, "Alice"), new Claim(ClaimTypes.Role, "admin")]);
    return Results.SignIn(alice.ToClaimsPrincipal(authenticationScheme), new AuthenticationProperties { IsPersistent = false }, authenticationScheme);
});

app.Run();
