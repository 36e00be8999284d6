using System.Diagnostics;
using BlazorCookieAuth.Browser.Tests.TestHost;
using static BlazorCookieAuth.Browser.Tests.TestHost.DemoPages;
using static Microsoft.Playwright.Assertions;

namespace BlazorCookieAuth.Browser.Tests;

[Collection(BrowserTestGroup.Name)]
public sealed class SessionsPageTests(BrowserFixture browser)
{
    [Fact]
    public async Task Browser_B_ends_browser_As_session_and_As_open_tab_goes_to_the_login_page_within_two_seconds()
    {
        // A server of its own: the page lists every session of alice, and other tests leave theirs on the shared one.
        await using var server = new DemoServer();
        await using var browserA = await browser.NewContextAsync(server: server);
        var tabA = await browserA.NewPageAsync();
        await tabA.GotoAsync("login?returnUrl=%2Faccount");
        await LogInAsync(tabA, "alice", "wonderland");
        await WaitForCircuitAsync(tabA);

        await using var browserB = await browser.NewContextAsync(server: server);
        var tabB = await browserB.NewPageAsync();
        await tabB.GotoAsync("login?returnUrl=%2Faccount%2Fsessions");
        await LogInAsync(tabB, "alice", "wonderland", remember: true);
        await Expect(tabB).ToHaveURLAsync(PathIs("/account/sessions"));
        var rows = tabB.Locator("tr.session");
        await Expect(rows).ToHaveCountAsync(2);
        await Expect(tabB.Locator("tr.this-device")).ToContainTextAsync("This device");
        await ScreenshotAsync(tabB, "sessions-page");

        // Watch tab A before B clicks: its circuit hears the end of its session while B's request is handled.
        var sentToLogin = tabA.WaitForURLAsync(PathIs("/login?returnUrl=%2Faccount"), new() { WaitUntil = WaitUntilState.Commit });
        await tabB.RunAndWaitForResponseAsync(
            () => tabB.Locator("tr.session:not(.this-device)").GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync(),
            response => response.Request.Method == "POST" && response.Url.EndsWith("/account/sessions", StringComparison.Ordinal));
        var sinceEnded = Stopwatch.StartNew();

        await sentToLogin;
        Assert.True(sinceEnded.Elapsed < TimeSpan.FromSeconds(2), $"Tab A reached the login page {sinceEnded.Elapsed} after its session was ended.");
        await Expect(tabA.GetByRole(AriaRole.Heading, new() { Name = "Log in" })).ToBeVisibleAsync();
        await Expect(tabB.Locator("p.notice")).ToContainTextAsync("Signed out");
        await Expect(rows).ToHaveCountAsync(1);

        // A's cookie is still in its jar, but the server refuses it: a reload stays on the login page.
        await tabA.GotoAsync("account");
        await Expect(tabA).ToHaveURLAsync(PathIs("/login?returnUrl=%2Faccount"));
    }
}
