using BlazorCookieAuth.Tests.TestHost;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorCookieAuth.Tests.DependencyInjection;

/// <summary>The app-wide changes <c>AddBlazorCookieAuth</c> makes, and the builder calls that turn each off.</summary>
public class AppWideChangesTests
{
    [Fact]
    public async Task By_default_the_kits_scheme_is_the_default_scheme_so_a_signed_in_request_is_the_user()
    {
        await using var app = await TestApp.StartAsync();
        using var browser = app.CreateBrowser();
        await browser.LoginAsync("42");

        Assert.Equal("42", await browser.WhoAmIAsync());
    }

    [Fact]
    public async Task WithoutDefaultScheme_beside_another_scheme_leaves_requests_unauthenticated_unless_the_scheme_is_named()
    {
        // With one scheme only, ASP.NET Core makes it the default by itself.
        await using var app = await TestApp.StartAsync(
            configureKit: k => k.WithoutDefaultScheme(),
            configureBuilder: b => b.Services.AddAuthentication().AddCookie("Other"));
        using var browser = app.CreateBrowser();

        var login = await browser.LoginAsync("42");

        Assert.True(login.IsSuccessStatusCode);
        Assert.Equal("anonymous", await browser.WhoAmIAsync());
    }

    [Fact]
    public async Task KeepFrameworkAuthenticationStateProvider_keeps_the_framework_provider()
    {
        await using var kept = await TestApp.StartAsync(
            configureBuilder: b => b.Services.AddRazorComponents(),
            configureKit: k => k.KeepFrameworkAuthenticationStateProvider());
        await using var replaced = await TestApp.StartAsync(configureBuilder: b => b.Services.AddRazorComponents());

        Assert.NotEqual("BlazorCookieAuthStateProvider", StateProviderOf(kept).GetType().Name);
        Assert.Equal("BlazorCookieAuthStateProvider", StateProviderOf(replaced).GetType().Name);
    }

    [Fact]
    public async Task WithoutRouteViewGuard_removes_the_component_activator()
    {
        await using var without = await TestApp.StartAsync(configureKit: k => k.WithoutRouteViewGuard());
        await using var with = await TestApp.StartAsync();

        using var withoutScope = without.Services.CreateScope();
        using var withScope = with.Services.CreateScope();
        Assert.Null(withoutScope.ServiceProvider.GetService<IComponentActivator>());
        Assert.Equal("AuthorizingComponentActivator", withScope.ServiceProvider.GetRequiredService<IComponentActivator>().GetType().Name);
    }

    [Fact]
    public async Task KeepFrameworkAuthorizationResultHandler_puts_the_frameworks_result_handler_back()
    {
        await using var kept = await TestApp.StartAsync(configureKit: k => k.KeepFrameworkAuthorizationResultHandler());
        await using var replaced = await TestApp.StartAsync();

        Assert.IsType<AuthorizationMiddlewareResultHandler>(kept.Services.GetRequiredService<IAuthorizationMiddlewareResultHandler>());
        Assert.Equal("FreshLoginResultHandler", replaced.Services.GetRequiredService<IAuthorizationMiddlewareResultHandler>().GetType().Name);
    }

    [Fact]
    public async Task The_Basic_scheme_is_added_only_by_AddBasicAuth()
    {
        await using var without = await TestApp.StartAsync();
        await using var with = await TestApp.StartAsync(configureKit: k => k.AddBasicAuth());

        Assert.Null(await without.Services.GetRequiredService<IAuthenticationSchemeProvider>().GetSchemeAsync("BlazorCookieAuth.Basic"));
        Assert.NotNull(await with.Services.GetRequiredService<IAuthenticationSchemeProvider>().GetSchemeAsync("BlazorCookieAuth.Basic"));
    }

    [Fact]
    public async Task RequireBasicAuth_without_AddBasicAuth_fails_at_startup_naming_the_call()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => TestApp.StartAsync(
            configureApp: a => a.MapGet("/reports/me", () => "report").RequireBasicAuth()));

        Assert.Equal(
            "RequireBasicAuth needs the Basic scheme: call .AddBasicAuth() on services.AddBlazorCookieAuth(...) in Program.cs.",
            error.Message);
    }

    private static AuthenticationStateProvider StateProviderOf(TestApp app)
    {
        using var scope = app.Services.CreateScope();
        return scope.ServiceProvider.GetRequiredService<AuthenticationStateProvider>();
    }
}
