using System.Net;
using System.Security.Claims;
using System.Text.Encodings.Web;
using BlazorCookieAuth.Tests.TestHost;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BlazorCookieAuth.Tests.Authentication;

public class OtherSchemesTests
{
    [Fact]
    public async Task The_kit_works_beside_another_scheme_that_the_app_made_the_default()
    {
        await using var app = await TestApp.StartAsync(configureBuilder: builder =>
        {
            builder.Services.AddAuthentication(ApiKeyHandler.SchemeName)
                .AddScheme<AuthenticationSchemeOptions, ApiKeyHandler>(ApiKeyHandler.SchemeName, null);
            builder.Services.AddAuthorizationBuilder().AddPolicy("kit", p => p
                .AddAuthenticationSchemes(BlazorCookieAuthDefaults.AuthenticationScheme)
                .RequireAuthenticatedUser());
        }, configureApp: webApp => webApp.MapGet("/kit-only", (HttpContext c) => c.User.FindFirstValue(ClaimTypes.NameIdentifier)).RequireAuthorization("kit"));
        using var browser = app.CreateBrowser();

        var anonymous = await browser.Client.GetAsync("/kit-only");
        await browser.LoginAsync("42");
        var signedIn = await browser.Client.GetAsync("/kit-only");
        browser.Client.DefaultRequestHeaders.Add("X-Api-Key", "robot");

        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Equal("42", await signedIn.Content.ReadAsStringAsync());
        Assert.Equal("robot", await browser.WhoAmIAsync());
    }

    private sealed class ApiKeyHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        public const string SchemeName = "ApiKey";

        protected override Task<AuthenticateResult> HandleAuthenticateAsync()
        {
            string? key = Request.Headers["X-Api-Key"];
            if (key is null)
            {
                return Task.FromResult(AuthenticateResult.NoResult());
            }

            var identity = new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, key)], SchemeName);
            return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
        }
    }
}
