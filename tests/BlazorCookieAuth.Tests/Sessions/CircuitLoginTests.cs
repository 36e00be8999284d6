using BlazorCookieAuth.Tests.TestHost;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorCookieAuth.Tests.Sessions;

public class CircuitLoginTests
{
    [Fact]
    public async Task Login_logout_and_renew_inside_a_circuit_are_refused_with_the_fix_in_the_message()
    {
        await using var app = await TestApp.StartAsync();
        await using var circuitScope = app.Services.CreateAsyncScope();
        var circuitHandler = circuitScope.ServiceProvider.GetServices<CircuitHandler>().OfType<BlazorCookieAuth.AuthState.AuthStateCircuitHandler>().Single();
        await circuitHandler.OnCircuitOpenedAsync(null!, CancellationToken.None);

        var session = circuitScope.ServiceProvider.GetRequiredService<IAuthSession>();

        foreach (var call in new Func<Task>[] { () => session.LoginAsync(new AuthUser("42")), session.LogoutAsync, session.RenewAsync })
        {
            var error = await Assert.ThrowsAsync<InvalidOperationException>(call);
            Assert.Contains("interactive Blazor circuit", error.Message, StringComparison.Ordinal);
            Assert.Contains("HTTP endpoint (such as POST /auth/login and /auth/logout, mapped by MapBlazorCookieAuth)", error.Message, StringComparison.Ordinal);
            Assert.Contains("static-SSR page", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_message_names_the_routes_the_app_mapped()
    {
        await using var app = await TestApp.StartAsync(mapEndpoints: false, configureApp: a => a.MapBlazorCookieAuth("/account"));
        await using var circuitScope = app.Services.CreateAsyncScope();
        var circuitHandler = circuitScope.ServiceProvider.GetServices<CircuitHandler>().OfType<BlazorCookieAuth.AuthState.AuthStateCircuitHandler>().Single();
        await circuitHandler.OnCircuitOpenedAsync(null!, CancellationToken.None);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(circuitScope.ServiceProvider.GetRequiredService<IAuthSession>().LogoutAsync);

        Assert.Contains("POST /account/login and /account/logout", error.Message, StringComparison.Ordinal);
    }
}
