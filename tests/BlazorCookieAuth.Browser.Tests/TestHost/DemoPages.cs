using System.Text.RegularExpressions;

namespace BlazorCookieAuth.Browser.Tests.TestHost;

/// <summary>What a user does on the demo's pages, in the words of the page.</summary>
internal static partial class DemoPages
{
    public const string AuthCookie = "__Host-BlazorCookieAuth";

    public static async Task LogInAsync(IPage page, string username, string password, bool remember = false)
    {
        var form = page.Locator("form.login-form");
        await form.GetByLabel("Username").FillAsync(username);
        await form.GetByLabel("Password").FillAsync(password);
        if (remember)
        {
            await form.GetByLabel("Remember me").CheckAsync();
        }

        await form.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
    }

    /// <summary>Confirms the password on the re-authentication page, where a stale login is sent.</summary>
    public static async Task ReauthenticateAsync(IPage page, string password)
    {
        var form = page.Locator("form.login-form");
        await form.GetByLabel("Password").FillAsync(password);
        await form.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
    }

    /// <summary>Waits until the page's circuit is live: the demo enables its button only when interactive.</summary>
    public static Task WaitForCircuitAsync(IPage page) =>
        page.Locator("button.click:not([disabled])").WaitForAsync();

    /// <summary>
    /// Waits until WebAssembly runs the page: the demo's WebAssembly and Auto pages say how they are rendered. The
    /// first boot downloads the .NET runtime, so it gets more time than a click.
    /// </summary>
    public static Task WaitForRenderModeAsync(IPage page, string renderer) =>
        Microsoft.Playwright.Assertions.Expect(page.Locator("span.render-mode"))
            .ToHaveTextAsync($"interactively ({renderer})", new() { Timeout = 60_000 });

    public static Task<BrowserContextCookiesResult?> AuthCookieAsync(IBrowserContext context) =>
        context.CookiesAsync().ContinueWith(t => t.Result.FirstOrDefault(c => c.Name == AuthCookie), TaskScheduler.Default);

    public static Regex PathIs(string pathAndQuery) =>
        new("^https?://[^/]+" + Regex.Escape(pathAndQuery) + "$");

    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, name + ".png"), FullPage = true });
}
