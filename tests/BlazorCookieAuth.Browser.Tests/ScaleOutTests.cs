using System.Diagnostics;
using BlazorCookieAuth.Browser.Tests.TestHost;
using BlazorCookieAuth.Tests.Shared;
using static BlazorCookieAuth.Browser.Tests.TestHost.DemoPages;
using static Microsoft.Playwright.Assertions;

namespace BlazorCookieAuth.Browser.Tests;

/// <summary>Two copies of the demo on one Redis, as two servers of a farm: one browser, a tab on each.</summary>
[Collection(BrowserTestGroup.Name)]
public sealed class ScaleOutTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_logout_on_server_A_sends_the_tab_open_on_server_B_to_the_login_page_within_two_seconds()
    {
        await using var redis = await RedisServer.StartNewAsync();
        await using var serverA = new DemoServer(redis.Configuration);
        await using var serverB = new DemoServer(redis.Configuration);

        // Cookies belong to the host, not the port, so one browser context is signed in on both servers.
        await using var context = await browser.Browser.NewContextAsync();
        context.SetDefaultTimeout(15_000);
        // Tab A stays on the home page, which follows no login, so only tab B's page reacts to the logout.
        var tabOnA = await context.NewPageAsync();
        await tabOnA.GotoAsync(serverA.Url("login"));
        await LogInAsync(tabOnA, "alice", "wonderland");
        await Expect(tabOnA).ToHaveURLAsync(serverA.Url(string.Empty));

        var tabOnB = await context.NewPageAsync();
        await tabOnB.GotoAsync(serverB.Url("account"));
        await WaitForCircuitAsync(tabOnB);
        await Expect(tabOnB.Locator("dd.display-name")).ToHaveTextAsync("Alice Liddell");

        // Watch tab B first: server B hears the end over Redis while server A handles the logout.
        var sentToLogin = tabOnB.WaitForURLAsync(serverB.Url("login?returnUrl=%2Faccount"), new() { WaitUntil = WaitUntilState.Commit });
        await tabOnA.RunAndWaitForResponseAsync(
            () => tabOnA.Locator("header").GetByRole(AriaRole.Button, new() { Name = "Log out" }).ClickAsync(),
            response => response.Request.Method == "POST" && response.Url.EndsWith("/auth/logout", StringComparison.Ordinal));
        var sinceLogout = Stopwatch.StartNew();

        await sentToLogin;
        Assert.True(sinceLogout.Elapsed < TimeSpan.FromSeconds(2), $"The tab on server B reached the login page {sinceLogout.Elapsed} after the logout on server A.");
        await Expect(tabOnB.GetByRole(AriaRole.Heading, new() { Name = "Log in" })).ToBeVisibleAsync();
    }
}
