using System.Diagnostics;
using BlazorCookieAuth.Browser.Tests.TestHost;
using static BlazorCookieAuth.Browser.Tests.TestHost.DemoPages;
using static Microsoft.Playwright.Assertions;

namespace BlazorCookieAuth.Browser.Tests;

/// <summary>
/// The demo's WebAssembly and Auto pages: the same components as the server pages, run by WebAssembly in the browser
/// with the user the server wrote into the page, and sent to the login page when the login ends.
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed class WebAssemblyPageTests(BrowserFixture browser)
{
    [Fact]
    public async Task The_WebAssembly_page_goes_to_login_then_shows_the_user_after_the_runtime_boots_and_calls_a_protected_api()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();

        await page.GotoAsync("account/wasm");
        await Expect(page).ToHaveURLAsync(PathIs("/login?returnUrl=%2Faccount%2Fwasm"));
        await LogInAsync(page, "alice", "wonderland");
        await Expect(page).ToHaveURLAsync(PathIs("/account/wasm"));

        await WaitForRenderModeAsync(page, "WebAssembly");
        await Expect(page.Locator("strong.wasm-user")).ToHaveTextAsync("Alice Liddell");
        await ScreenshotAsync(page, "webassembly-page");

        await page.GetByRole(AriaRole.Button, new() { Name = "Call the API" }).ClickAsync();
        await Expect(page.Locator("p.api-answer")).ToContainTextAsync("200: ");
        await Expect(page.Locator("p.api-answer")).ToContainTextAsync("\"name\":\"Alice Liddell\"");

        // The token never reaches the page: the cookie is HttpOnly, and nothing the server wrote into the page holds it.
        var cookie = await AuthCookieAsync(context);
        Assert.NotNull(cookie);
        Assert.True(cookie.HttpOnly);
        Assert.DoesNotContain(cookie.Value, await page.ContentAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(AuthCookie, await page.EvaluateAsync<string>("document.cookie"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_logout_button_on_the_WebAssembly_page_logs_out_with_the_antiforgery_token_the_page_carried()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("login?returnUrl=%2Faccount%2Fwasm");
        await LogInAsync(page, "alice", "wonderland");
        await WaitForRenderModeAsync(page, "WebAssembly");

        // WebAssembly rendered this form; its antiforgery token came with the state the server wrote into the page.
        await page.GetByRole(AriaRole.Button, new() { Name = "Log out from this page" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(PathIs("/login?returnUrl=%2Faccount%2Fwasm"));
        Assert.Null(await AuthCookieAsync(context));
    }

    [Fact]
    public async Task A_logout_in_another_tab_sends_the_WebAssembly_page_to_the_login_page_within_two_seconds()
    {
        await using var context = await browser.NewContextAsync();
        var tabA = await context.NewPageAsync();
        await tabA.GotoAsync("login");
        await LogInAsync(tabA, "alice", "wonderland");
        await Expect(tabA).ToHaveURLAsync(PathIs("/"));

        var tabB = await context.NewPageAsync();
        await tabB.GotoAsync("account/wasm");
        await WaitForRenderModeAsync(tabB, "WebAssembly");

        // Tab B has no circuit the server could tell: the page tab A's logout lands on tells the browser's other tabs,
        // and tab B asks the server. The deadline counts from the logout's response until tab B's navigation to the
        // login page commits.
        var sentToLogin = tabB.WaitForURLAsync(PathIs("/login?returnUrl=%2Faccount%2Fwasm"), new() { WaitUntil = WaitUntilState.Commit });
        await tabA.RunAndWaitForResponseAsync(
            () => tabA.Locator("header").GetByRole(AriaRole.Button, new() { Name = "Log out" }).ClickAsync(),
            response => response.Request.Method == "POST" && response.Url.EndsWith("/auth/logout", StringComparison.Ordinal));
        var sinceLogout = Stopwatch.StartNew();

        await sentToLogin;
        Assert.True(sinceLogout.Elapsed < TimeSpan.FromSeconds(2), $"Tab B reached the login page {sinceLogout.Elapsed} after the logout.");
        await Expect(tabB.GetByRole(AriaRole.Heading, new() { Name = "Log in" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Sign_out_everywhere_from_another_browser_reaches_the_WebAssembly_page_within_the_revalidation_interval()
    {
        var interval = TimeSpan.FromSeconds(3);
        await using var server = new DemoServer(settings: new Dictionary<string, string>
        {
            ["BlazorCookieAuth:RevalidationInterval"] = interval.ToString(),
        });

        await using var browserA = await browser.NewContextAsync(server: server);
        var tabA = await browserA.NewPageAsync();
        await tabA.GotoAsync("login?returnUrl=%2Faccount%2Fwasm");
        await LogInAsync(tabA, "alice", "wonderland");
        await WaitForRenderModeAsync(tabA, "WebAssembly");
        await Expect(tabA.Locator("strong.wasm-user")).ToHaveTextAsync("Alice Liddell");

        // Another browser shares no tabs, cookies or channel with A: only A's own check with the server can find out.
        await using var browserB = await browser.NewContextAsync(server: server);
        var tabB = await browserB.NewPageAsync();
        await tabB.GotoAsync("login?returnUrl=%2Faccount%2Fsessions");
        await LogInAsync(tabB, "alice", "wonderland");
        await Expect(tabB).ToHaveURLAsync(PathIs("/account/sessions"));

        var sentToLogin = tabA.WaitForURLAsync(PathIs("/login?returnUrl=%2Faccount%2Fwasm"), new() { WaitUntil = WaitUntilState.Commit });
        await tabB.RunAndWaitForResponseAsync(
            () => tabB.GetByRole(AriaRole.Button, new() { Name = "Sign out everywhere" }).ClickAsync(),
            response => response.Request.Method == "POST" && response.Url.EndsWith("/auth/logout", StringComparison.Ordinal));
        var sinceEnded = Stopwatch.StartNew();

        await sentToLogin;
        // One interval, plus the check's round trip and the navigation's start.
        Assert.True(sinceEnded.Elapsed < interval + TimeSpan.FromSeconds(1), $"Tab A reached the login page {sinceEnded.Elapsed} after its sessions ended (interval {interval}).");
        await Expect(tabA.GetByRole(AriaRole.Heading, new() { Name = "Log in" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task An_Auto_page_shows_the_user_on_its_server_render_and_after_switching_to_WebAssembly()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("login?returnUrl=%2Faccount%2Fauto");
        await LogInAsync(page, "alice", "wonderland");
        await Expect(page).ToHaveURLAsync(PathIs("/account/auto"));

        // The first visit runs over a circuit while the browser downloads WebAssembly in the background.
        await WaitForRenderModeAsync(page, "Server");
        await Expect(page.Locator("strong.auto-user")).ToHaveTextAsync("Alice Liddell");

        // Meanwhile the browser downloads the WebAssembly runtime. Blazor records in local storage, once the download
        // has finished, that the runtime is cached; only after that does a visit pick WebAssembly. Reloading before
        // then would abort the download and start it over, so wait for that record rather than reloading on a timer.
        await page.WaitForFunctionAsync(
            "() => Object.keys(localStorage).some(key => key.startsWith('blazor-resource-hash:'))",
            null,
            new() { Timeout = 60_000, PollingInterval = 250 });

        await page.ReloadAsync();
        await WaitForRenderModeAsync(page, "WebAssembly");
        await Expect(page.Locator("strong.auto-user")).ToHaveTextAsync("Alice Liddell");
        await ScreenshotAsync(page, "auto-page-webassembly");
    }
}
