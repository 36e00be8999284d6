using BlazorCookieAuth.Tests.TestHost;
using System.Security.Claims;
using BlazorCookieAuth.AuthState;
using BlazorCookieAuth.Sessions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorCookieAuth.Tests.AuthState;

/// <summary>
/// The kit's component activator, as a circuit's renderer calls it when a plain RouteView renders a page: an
/// [Authorize] page is never created for an anonymous user in a circuit.
/// </summary>
public sealed class AuthorizingComponentActivatorTests
{
    [Fact]
    public void An_authorize_page_is_refused_to_an_anonymous_user_in_a_circuit_with_a_message_naming_AuthorizeRouteView()
    {
        var (activator, logs) = Create(isCircuit: true, authenticated: false);

        var error = Assert.Throws<InvalidOperationException>(() => activator.CreateInstance(typeof(SecretPage)));

        Assert.Contains("has [Authorize] but was about to render in a circuit for a user who is not logged in", error.Message, StringComparison.Ordinal);
        Assert.Contains("use <AuthorizeRouteView> in its place", error.Message, StringComparison.Ordinal);
        var logged = Assert.Single(logs.Messages);
        Assert.Equal(LogLevel.Error, logged.Level);
        Assert.Contains(typeof(SecretPage).FullName!, logged.Message, StringComparison.Ordinal);
        Assert.Contains("AuthorizeRouteView", logged.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(typeof(SecretPage), true, true)]
    [InlineData(typeof(SecretPage), false, false)]
    [InlineData(typeof(OpenPage), true, false)]
    [InlineData(typeof(AllowAnonymousPage), true, false)]
    [InlineData(typeof(AuthorizeButNotAPage), true, false)]
    public void Everything_else_is_created_as_the_framework_creates_it(Type component, bool isCircuit, bool authenticated)
    {
        var (activator, logs) = Create(isCircuit, authenticated);

        var instance = activator.CreateInstance(component);

        Assert.IsType(component, instance);
        Assert.Empty(logs.Messages);
    }

    [Fact]
    public void Components_still_get_their_constructor_services()
    {
        var (activator, _) = Create(isCircuit: true, authenticated: true);

        var page = Assert.IsType<PageWithConstructor>(activator.CreateInstance(typeof(PageWithConstructor)));

        Assert.NotNull(page.Scope);
    }

    private static (AuthorizingComponentActivator Activator, ListLogger Logs) Create(bool isCircuit, bool authenticated)
    {
        var logs = new ListLogger();
        var identity = authenticated ? new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, "42")], "test") : new ClaimsIdentity();
        var services = new ServiceCollection()
            .AddSingleton(new CircuitScope { IsCircuit = isCircuit })
            .AddSingleton<AuthenticationStateProvider>(new FixedStateProvider(new ClaimsPrincipal(identity)))
            .AddSingleton<ILoggerFactory>(new LoggerFactory([logs]))
            .AddSingleton(typeof(ILogger<>), typeof(Logger<>))
            .BuildServiceProvider();
        return (new AuthorizingComponentActivator(services), logs);
    }

    [Route("/secret")]
    [Authorize]
    private sealed class SecretPage : ComponentBase;

    [Route("/open")]
    private sealed class OpenPage : ComponentBase;

    [Route("/login")]
    [Authorize]
    [AllowAnonymous]
    private sealed class AllowAnonymousPage : ComponentBase;

    [Authorize]
    private sealed class AuthorizeButNotAPage : ComponentBase;

    [Route("/with-constructor")]
    [Authorize]
    private sealed class PageWithConstructor(CircuitScope scope) : ComponentBase
    {
        public CircuitScope Scope { get; } = scope;
    }

    private sealed class FixedStateProvider(ClaimsPrincipal user) : AuthenticationStateProvider
    {
        public override Task<AuthenticationState> GetAuthenticationStateAsync() => Task.FromResult(new AuthenticationState(user));
    }

    private sealed class ListLogger : ILoggerProvider, ILogger
    {
        public List<(LogLevel Level, string Message)> Messages { get; } = [];

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Messages.Add((logLevel, formatter(state, exception)));

        public void Dispose()
        {
        }
    }
}
