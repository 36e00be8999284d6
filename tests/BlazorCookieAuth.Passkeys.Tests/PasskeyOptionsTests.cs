using BlazorCookieAuth.Passkeys.Tests.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace BlazorCookieAuth.Passkeys.Tests;

public sealed class PasskeyOptionsTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(301)]
    public async Task A_timeout_outside_zero_to_five_minutes_fails_naming_the_option(int seconds)
    {
        await using var services = new PasskeyServices(o => o.Timeout = TimeSpan.FromSeconds(seconds));

        var failure = Assert.Throws<OptionsValidationException>(() => services.Services.GetRequiredService<IOptions<PasskeyOptions>>().Value);

        Assert.Contains("PasskeyOptions.Timeout", failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://example.com/login")]
    [InlineData("example.com")]
    public async Task An_origin_that_is_not_just_scheme_and_host_fails_naming_the_option(string origin)
    {
        await using var services = new PasskeyServices(o => o.Origins.Add(origin));

        var failure = Assert.Throws<OptionsValidationException>(() => services.Services.GetRequiredService<IOptions<PasskeyOptions>>().Value);

        Assert.Contains("PasskeyOptions.Origins", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Adding_passkeys_twice_fails()
    {
        var services = new ServiceCollection();
        var kit = services.AddBlazorCookieAuth().AddPasskeys<TestPasskeyUsers>();

        var failure = Assert.Throws<InvalidOperationException>(() => kit.AddPasskeys<TestPasskeyUsers>());

        Assert.Contains("AddPasskeys was already called", failure.Message, StringComparison.Ordinal);
    }
}
