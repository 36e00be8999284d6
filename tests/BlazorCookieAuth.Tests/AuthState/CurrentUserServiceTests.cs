using BlazorCookieAuth.Tests.TestHost;
using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.DependencyInjection;
using BlazorCookieAuth.Tests.Shared;

namespace BlazorCookieAuth.Tests.AuthState;

public sealed class CurrentUserServiceTests
{
    [Fact]
    public async Task In_an_HTTP_request_reads_HttpContext_User()
    {
        await using var kit = new KitServices();
        var alice = await kit.LogInAsync("alice");
        kit.Scope.ServiceProvider.GetRequiredService<IHttpContextAccessor>().HttpContext =
            new DefaultHttpContext { User = alice.ToClaimsPrincipal() };

        var currentUser = kit.Scope.ServiceProvider.GetRequiredService<ICurrentUser>();

        Assert.True(currentUser.IsAuthenticated);
        Assert.Equal("alice", currentUser.AuthId);
        Assert.Equal(alice.SessionId, currentUser.User.SessionId);
    }

    [Fact]
    public async Task In_a_circuit_follows_the_authentication_state_synchronously()
    {
        await using var kit = new KitServices();
        var alice = await kit.LogInAsync("alice");
        kit.Provider.SetAuthenticationState(KitServices.StateOf(alice));
        kit.Provider.OnCircuitOpened();
        var currentUser = kit.Scope.ServiceProvider.GetRequiredService<ICurrentUser>();
        Assert.Equal("alice", currentUser.AuthId);

        kit.EndNotices.Publish(alice.SessionId!);

        Assert.False(currentUser.IsAuthenticated);
        Assert.Null(currentUser.AuthId);
        Assert.Same(AuthUser.Anonymous, currentUser.User);
    }

    [Fact]
    public async Task Loads_the_app_user_once_per_circuit()
    {
        var directory = new TestUserDirectory();
        await using var kit = new KitServices(builder: b =>
        {
            b.Services.AddSingleton(directory);
            b.AddUserLoader<TestUser, TestUserLoader>();
        });
        var alice = await kit.LogInAsync("alice");
        kit.Provider.SetAuthenticationState(KitServices.StateOf(alice));
        var currentUser = kit.Scope.ServiceProvider.GetRequiredService<ICurrentUser>();

        var first = await currentUser.GetUserAsync<TestUser>();
        var second = await currentUser.GetUserAsync<TestUser>();

        Assert.Equal(new TestUser("alice", "User alice"), first);
        Assert.Same(first, second);
        Assert.Equal(1, directory.Loads);
    }

    [Fact]
    public async Task Anonymous_user_has_no_app_user()
    {
        var directory = new TestUserDirectory();
        await using var kit = new KitServices(builder: b =>
        {
            b.Services.AddSingleton(directory);
            b.AddUserLoader<TestUser, TestUserLoader>();
        });
        kit.Provider.SetAuthenticationState(KitServices.StateOf(AuthUser.Anonymous));

        var user = await kit.Scope.ServiceProvider.GetRequiredService<ICurrentUser>().GetUserAsync<TestUser>();

        Assert.Null(user);
        Assert.Equal(0, directory.Loads);
    }

    [Fact]
    public async Task Loading_without_a_registered_loader_says_how_to_register_one()
    {
        await using var kit = new KitServices();
        kit.Provider.SetAuthenticationState(KitServices.StateOf(await kit.LogInAsync("alice")));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            async () => await kit.Scope.ServiceProvider.GetRequiredService<ICurrentUser>().GetUserAsync<TestUser>());

        Assert.Contains("AddUserLoader<TestUser, MyLoader>()", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Revalidation_interval_of_zero_fails_at_startup_naming_the_option()
    {
        await using var kit = new KitServices(o => o.RevalidationInterval = TimeSpan.Zero);
        var options = kit.Scope.ServiceProvider.GetRequiredService<IOptionsMonitor<BlazorCookieAuthOptions>>();

        var error = Assert.Throws<OptionsValidationException>(() => options.Get(BlazorCookieAuthDefaults.AuthenticationScheme));

        Assert.Contains("BlazorCookieAuthOptions.RevalidationInterval", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Display_name_prefers_the_name_claim()
    {
        Assert.Equal("Alice", new AuthUser("42", [new Claim(ClaimTypes.Name, "Alice")]).DisplayName);
        Assert.Equal("42", new AuthUser("42").DisplayName);
        Assert.Equal("", AuthUser.Anonymous.DisplayName);
    }
}
