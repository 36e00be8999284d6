using BlazorCookieAuth.Tests.TestHost;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorCookieAuth.Tests.Endpoints;

/// <summary>What <c>MapBlazorCookieAuth</c> refuses to map.</summary>
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
}
