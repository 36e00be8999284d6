using BlazorCookieAuth.Sessions;
using BlazorCookieAuth.Tests.Endpoints;
using BlazorCookieAuth.Tests.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorCookieAuth.Tests.Sessions;

public class ClientDescriptionTests
{
    private const string FirefoxOnLinux = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";

    [Theory]
    [InlineData("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36", "Chrome on Windows")]
    [InlineData("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 Edg/126.0.2592.68", "Edge on Windows")]
    [InlineData(FirefoxOnLinux, "Firefox on Linux")]
    [InlineData("Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1", "Safari on iPhone")]
    [InlineData("Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36", "Chrome on Android")]
    [InlineData("Mozilla/5.0 (Linux; Android 14; SAMSUNG SM-S921B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/25.0 Chrome/121.0.0.0 Mobile Safari/537.36", "Samsung Internet on Android")]
    [InlineData("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15", "Safari on macOS")]
    [InlineData("Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/126.0.6478.54 Mobile/15E148 Safari/604.1", "Chrome on iPhone")]
    [InlineData("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 OPR/111.0.0.0", "Opera on Windows")]
    [InlineData("curl/8.8.0", "curl")]
    public void A_real_User_Agent_becomes_the_browser_and_the_system(string userAgent, string expected) =>
        Assert.Equal(expected, ClientDescription.FromUserAgent(userAgent));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void No_User_Agent_means_no_description(string? userAgent) =>
        Assert.Null(ClientDescription.FromUserAgent(userAgent));

    [Theory]
    [InlineData("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)")]
    [InlineData("python-requests/2.31.0")]
    [InlineData("junk\u0000\u0007\r\n\u001b[31m\t")]
    [InlineData("\u0000\u0007")]
    public void A_User_Agent_naming_no_known_browser_or_system_gives_no_description_rather_than_itself(string userAgent) =>
        Assert.Null(ClientDescription.FromUserAgent(string.Concat(Enumerable.Repeat(userAgent, 100))));

    [Fact]
    public void An_overlong_User_Agent_of_a_known_browser_is_still_short()
    {
        var description = ClientDescription.FromUserAgent(FirefoxOnLinux + new string('x', 5000));

        Assert.Equal("Firefox on Linux", description);
    }

    [Fact]
    public async Task The_session_record_describes_the_client_from_the_login_requests_User_Agent()
    {
        await using var app = await TestApp.StartAsync();
        using var firefox = app.CreateBrowser();
        using var unnamed = app.CreateBrowser();
        firefox.Client.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", FirefoxOnLinux);

        await firefox.PostFormAsync("/auth/login", LoginEndpointTests.Form());
        app.Time.Advance(TimeSpan.FromSeconds(1));
        await unnamed.PostFormAsync("/auth/login", LoginEndpointTests.Form());

        var sessions = await app.Services.GetRequiredService<IAuthSessionManager>().ListSessionsAsync(TestApp.AliceId);
        Assert.Equal(["Firefox on Linux", null], sessions.Select(s => s.Client));
    }
}
