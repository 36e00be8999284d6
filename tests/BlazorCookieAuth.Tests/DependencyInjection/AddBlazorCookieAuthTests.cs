using Microsoft.Extensions.DependencyInjection;

namespace BlazorCookieAuth.Tests.DependencyInjection;

/// <summary>What <c>AddBlazorCookieAuth</c> refuses to register.</summary>
public class AddBlazorCookieAuthTests
{
    [Fact]
    public void Adding_the_kit_twice_is_an_error()
    {
        var services = new ServiceCollection();
        services.AddBlazorCookieAuth();

        var error = Assert.Throws<InvalidOperationException>(() => services.AddBlazorCookieAuth("Other", null));

        Assert.Contains("already called", error.Message, StringComparison.Ordinal);
    }
}
