using BlazorCookieAuth.Browser.Tests.TestHost;
using static BlazorCookieAuth.Browser.Tests.TestHost.DemoPages;
using static Microsoft.Playwright.Assertions;

namespace BlazorCookieAuth.Browser.Tests;

/// <summary>
/// A browser restart keeps persistent cookies and drops session cookies. Playwright's storage state keeps
/// both (a session cookie is saved with <c>expires: -1</c> and restored as-is), so loading it unchanged would
/// show a session login surviving a restart that a real browser would end. These tests therefore check the
/// saved cookie's kind and then restart the way a browser does: only cookies with an expiry come back.
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed class RememberMeTests(BrowserFixture browser)
{
    [Fact]
    public async Task Remembered_login_survives_a_browser_restart()
    {
        var saved = await LogInAndSaveStateAsync(remember: true);
        Assert.True(saved.Cookie.Expires > DateTimeOffset.UtcNow.AddDays(300).ToUnixTimeSeconds(), "A remembered login sets a cookie that lasts the login's duration.");

        await using var restarted = await browser.NewContextAsync(WithoutSessionCookies(saved.State));
        var page = await restarted.NewPageAsync();
        await page.GotoAsync("account");

        await Expect(page).ToHaveURLAsync(PathIs("/account"));
        await Expect(page.Locator("dd.display-name")).ToHaveTextAsync("Alice Liddell");
    }

    [Fact]
    public async Task Session_login_ends_with_a_browser_restart()
    {
        var saved = await LogInAndSaveStateAsync(remember: false);
        Assert.Equal(-1, saved.Cookie.Expires);
        Assert.Contains(AuthCookie, saved.State, StringComparison.Ordinal);

        await using var restarted = await browser.NewContextAsync(WithoutSessionCookies(saved.State));
        var page = await restarted.NewPageAsync();
        await page.GotoAsync("account");

        await Expect(page).ToHaveURLAsync(PathIs("/login?returnUrl=%2Faccount"));
    }

    [Fact]
    public async Task Remembered_login_after_a_browser_restart_confirms_its_password_before_the_password_page()
    {
        var saved = await LogInAndSaveStateAsync(remember: true);

        await using var restarted = await browser.NewContextAsync(WithoutSessionCookies(saved.State));
        var page = await restarted.NewPageAsync();
        await page.GotoAsync("account/password");

        // Signed in, but not fresh: the password page sends it to confirm the password, not to log in again.
        await Expect(page).ToHaveURLAsync(PathIs("/reauthenticate?returnUrl=%2Faccount%2Fpassword"));
        await Expect(page.Locator("p.notice")).ToHaveTextAsync("You are signed in as Alice Liddell. Enter your password to continue.");
        await ReauthenticateAsync(page, "wonderland");

        await Expect(page).ToHaveURLAsync(PathIs("/account/password"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Change your password" })).ToBeVisibleAsync();
        await Expect(page.GetByLabel("Current password")).ToBeVisibleAsync();
    }

    private async Task<(string State, BrowserContextCookiesResult Cookie)> LogInAndSaveStateAsync(bool remember)
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("login?returnUrl=%2Faccount");
        await LogInAsync(page, "alice", "wonderland", remember);
        await Expect(page).ToHaveURLAsync(PathIs("/account"));

        var cookie = await AuthCookieAsync(context);
        Assert.NotNull(cookie);
        Assert.True(cookie.HttpOnly);
        Assert.True(cookie.Secure);
        return (await context.StorageStateAsync(), cookie);
    }

    /// <summary>What a browser keeps across a restart: the saved state minus its session cookies.</summary>
    private static string WithoutSessionCookies(string storageState)
    {
        var state = System.Text.Json.Nodes.JsonNode.Parse(storageState)!.AsObject();
        var cookies = state["cookies"]!.AsArray();
        foreach (var cookie in cookies.Where(c => (double)c!["expires"]! < 0).ToList())
        {
            cookies.Remove(cookie);
        }

        return state.ToJsonString();
    }
}
