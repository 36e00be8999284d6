using System.Diagnostics;
using BlazorCookieAuth.Browser.Tests.TestHost;
using static BlazorCookieAuth.Browser.Tests.TestHost.DemoPages;
using static Microsoft.Playwright.Assertions;

namespace BlazorCookieAuth.Browser.Tests;

[Collection(BrowserTestGroup.Name)]
public sealed class LogoutTests(BrowserFixture browser)
{
    [Fact]
    public async Task Logout_in_tab_A_sends_tab_B_to_the_login_page_within_two_seconds_without_a_reload()
    {
        await using var context = await browser.NewContextAsync();
        var tabA = await context.NewPageAsync();
        await tabA.GotoAsync("login");
        await LogInAsync(tabA, "alice", "wonderland");
        await Expect(tabA).ToHaveURLAsync(PathIs("/"));

        var tabB = await context.NewPageAsync();
        await tabB.GotoAsync("account");
        await WaitForCircuitAsync(tabB);
        await Expect(tabB.Locator("dd.display-name")).ToHaveTextAsync("Alice Liddell");

        // Watch tab B before logging out: the server tells its circuit while it handles the logout, so tab B may
        // leave before tab A even has the response. The deadline counts from that response (the session is revoked
        // by then) until tab B's navigation to the login page commits; loading the page's scripts is not part of it.
        var sentToLogin = tabB.WaitForURLAsync(PathIs("/login?returnUrl=%2Faccount"), new() { WaitUntil = WaitUntilState.Commit });
        await tabA.RunAndWaitForResponseAsync(
            () => tabA.Locator("header").GetByRole(AriaRole.Button, new() { Name = "Log out" }).ClickAsync(),
            response => response.Request.Method == "POST" && response.Url.EndsWith("/auth/logout", StringComparison.Ordinal));
        var sinceLogout = Stopwatch.StartNew();

        // Nobody touches tab B: its circuit hears the logout and sends it to the login page by itself.
        await sentToLogin;
        Assert.True(sinceLogout.Elapsed < TimeSpan.FromSeconds(2), $"Tab B reached the login page {sinceLogout.Elapsed} after the logout.");
        await Expect(tabB.GetByRole(AriaRole.Heading, new() { Name = "Log in" })).ToBeVisibleAsync();
        await Expect(tabA.Locator("header").GetByRole(AriaRole.Link, new() { Name = "Log in" })).ToBeVisibleAsync();
        Assert.Null(await AuthCookieAsync(context));
    }

    [Fact]
    public async Task Logout_button_on_an_interactive_page_logs_out()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("login?returnUrl=%2Faccount");
        await LogInAsync(page, "alice", "wonderland");
        await WaitForCircuitAsync(page);

        // This button is rendered by the page's circuit, so its antiforgery token came through prerendering.
        await page.GetByRole(AriaRole.Button, new() { Name = "Log out from this page" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(PathIs("/login?returnUrl=%2Faccount"));
        Assert.Null(await AuthCookieAsync(context));
    }
}
