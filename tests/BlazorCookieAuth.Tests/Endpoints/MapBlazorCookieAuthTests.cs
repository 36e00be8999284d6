using System.Net;
using BlazorCookieAuth.Tests.TestHost;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorCookieAuth.Tests.Endpoints;

/// <summary>What <c>MapBlazorCookieAuth</c> maps, and what it refuses to map.</summary>
public class MapBlazorCookieAuthTests
{
    [Fact]
    public async Task Mapping_the_endpoints_twice_is_an_error()
    {
        await using var app = await TestApp.StartAsync();

        var error = Assert.Throws<InvalidOperationException>(() => app.App.MapBlazorCookieAuth("/other"));

        Assert.Contains("already called", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mapping_the_endpoints_without_a_credential_validator_fails_with_the_fix()
    {
        var builder = WebApplication.CreateBuilder();
        builder.Services.AddBlazorCookieAuth();
        await using var app = builder.Build();

        var error = Assert.Throws<InvalidOperationException>(() => app.MapBlazorCookieAuth());
        var withPrefix = Assert.Throws<InvalidOperationException>(() => app.MapBlazorCookieAuth("account/"));

        Assert.Contains("MapBlazorCookieAuth maps POST /auth/login, which checks credentials through an ICredentialValidator", error.Message, StringComparison.Ordinal);
        Assert.Contains("AddCredentialValidator<MyValidator>()", error.Message, StringComparison.Ordinal);
        Assert.Contains("MapBlazorCookieAuth maps POST /account/login,", withPrefix.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_fallback_policy_that_requires_a_login_leaves_the_kits_endpoints_open()
    {
        await using var app = await TestApp.StartAsync(
            configureBuilder: b => b.Services.AddAuthorizationBuilder()
                .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build()),
            configureApp: a => a.MapGet("/open/antiforgery", (HttpContext context, IAntiforgery antiforgery) =>
                antiforgery.GetAndStoreTokens(context).RequestToken!).AllowAnonymous());
        using var browser = app.CreateBrowser();

        // The app's own endpoints follow the fallback policy; the kit's answer as they always do.
        using var page = await browser.Client.GetAsync(new Uri("/me", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        using var anonymousCheck = await browser.Client.GetAsync(new Uri("/auth/session", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, anonymousCheck.StatusCode);

        var form = LoginEndpointTests.Form();
        form["__RequestVerificationToken"] = await browser.Client.GetStringAsync(new Uri("/open/antiforgery", UriKind.Relative));
        using var login = await browser.Client.PostAsync(new Uri("/auth/login", UriKind.Relative), new FormUrlEncodedContent(form));

        Assert.Equal(HttpStatusCode.SeeOther, login.StatusCode);
        Assert.Equal("/", login.Headers.Location?.OriginalString);
        Assert.Equal(TestApp.AliceId, await browser.WhoAmIAsync());
        using var signedInCheck = await browser.Client.GetAsync(new Uri("/auth/session", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, signedInCheck.StatusCode);
    }
}
