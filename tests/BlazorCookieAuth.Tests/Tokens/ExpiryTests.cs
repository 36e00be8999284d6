using BlazorCookieAuth.Tests.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorCookieAuth.Tests.Tokens;

public class ExpiryTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_login_expires_after_the_duration_even_if_the_browser_keeps_the_cookie(bool remember)
    {
        await using var app = await TestApp.StartAsync(o => o.Duration = TimeSpan.FromHours(1));
        using var browser = app.CreateBrowser();
        await browser.LoginAsync("42", remember);
        var token = browser.AuthCookie!;

        app.Time.Advance(TimeSpan.FromMinutes(59));
        Assert.Equal("42", await TamperedTokenTests.SendWithCookieAsync(app, token, expectDeletion: false));

        app.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal("anonymous", await TamperedTokenTests.SendWithCookieAsync(app, token, expectDeletion: true));
        Assert.Contains(app.Logs.Entries, e => e.Message.Contains("Expired", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_bearer_token_expires_after_the_duration()
    {
        await using var app = await TestApp.StartAsync(o =>
        {
            o.Mode = AuthMode.Bearer;
            o.Duration = TimeSpan.FromMinutes(10);
        });
        var tokens = app.Services.GetRequiredService<IAuthTokenService>();
        var token = await tokens.CreateTokenAsync(new AuthUser("42"));

        Assert.Equal("42", (await tokens.ValidateTokenAsync(token)).AuthId);
        app.Time.Advance(TimeSpan.FromMinutes(10));

        Assert.False((await tokens.ValidateTokenAsync(token)).IsAuthenticated);
    }
}
