using System.Diagnostics;
using BlazorCookieAuth.Browser.Tests.TestHost;
using BlazorCookieAuth.Tests.Shared;
using Xunit.Abstractions;
using static BlazorCookieAuth.Browser.Tests.TestHost.DemoPages;
using static Microsoft.Playwright.Assertions;

namespace BlazorCookieAuth.Browser.Tests;

/// <summary>
/// Passkeys in Chromium with its virtual authenticator, at http://localhost:PORT (WebAuthn refuses IP addresses). The
/// virtual authenticator answers a conditional (autofill) request at once, as a user picking their passkey from the
/// username field's suggestions would; the tests that click the button turn the autofill off first.
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed class PasskeyTests(BrowserFixture browser, ITestOutputHelper output)
{
    /// <summary>
    /// Makes the pages of a tab report no passkey autofill while its sessionStorage says so, as a browser without
    /// conditional mediation does, so that only the button signs in.
    /// </summary>
    private const string AutofillSwitch = """
        if (window.PublicKeyCredential && sessionStorage.getItem('test.noAutofill')) {
          PublicKeyCredential.isConditionalMediationAvailable = async () => false;
        }
        """;

    [Fact]
    public async Task Alice_adds_a_passkey_signs_in_with_the_button_and_with_autofill_opens_a_fresh_only_page_and_after_removing_it_cannot_sign_in_with_it()
    {
        // A server of its own: its passkeys are kept in memory, and alice's list must hold this test's only.
        await using var server = new DemoServer();
        await using var context = await browser.NewContextAsync(server: server);
        var page = await context.NewPageAsync();
        await page.AddInitScriptAsync(AutofillSwitch);
        var authenticator = await VirtualAuthenticator.AddAsync(page);

        // Signed in with her password, alice adds a passkey from the page the account page links to.
        await page.GotoAsync("login?returnUrl=%2Faccount");
        await LogInAsync(page, "alice", "wonderland");
        await Expect(page).ToHaveURLAsync(PathIs("/account"));
        await page.GetByRole(AriaRole.Link, new() { Name = "Your passkeys" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(PathIs("/account/passkeys"));
        await Expect(page.Locator("p.passkey-none")).ToHaveTextAsync("You have no passkeys yet.");
        await page.GetByLabel("Name of the new passkey").FillAsync("Alice's laptop");
        await page.Locator("button.passkey-add-button:not([disabled])").ClickAsync();

        var row = page.Locator("tr.passkey");
        await Expect(page.Locator("p.passkey-notice")).ToHaveTextAsync("Your passkey was added.");
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row.Locator(".passkey-name")).ToHaveTextAsync("Alice's laptop");
        await Expect(row.Locator(".passkey-last-used")).ToHaveTextAsync("never");
        await Expect(row.Locator(".passkey-synced")).ToHaveTextAsync("no, this device only");
        var held = Assert.Single(await authenticator.CredentialsAsync());
        Assert.True(held.GetProperty("isResidentCredential").GetBoolean());
        await ScreenshotAsync(page, "passkeys-page");

        // Logs out, then signs back in with the button, typing nothing.
        await page.EvaluateAsync("() => sessionStorage.setItem('test.noAutofill', '1')");
        await LogOutAsync(page);
        await Expect(page).ToHaveURLAsync(PathIs("/login?returnUrl=%2Faccount%2Fpasskeys"));
        Assert.Null(await AuthCookieAsync(context));
        var button = page.GetByRole(AriaRole.Button, new() { Name = "Sign in with a passkey" });
        await Expect(button).ToBeEnabledAsync();
        await ScreenshotAsync(page, "login-page-with-passkey-button");
        var sinceClick = Stopwatch.StartNew();
        await button.ClickAsync();
        await Expect(page).ToHaveURLAsync(PathIs("/account/passkeys"));
        await Expect(row.Locator(".passkey-last-used")).Not.ToHaveTextAsync("never");
        output.WriteLine($"From the button to the signed-in page: {sinceClick.ElapsedMilliseconds} ms.");
        Assert.NotNull(await AuthCookieAsync(context));

        // The passkey login is fresh: the sessions page opens without a password.
        await page.GotoAsync("account/sessions");
        await Expect(page).ToHaveURLAsync(PathIs("/account/sessions"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your sessions" })).ToBeVisibleAsync();

        // Logs out, then signs in with the autofill: the virtual authenticator picks the passkey as soon as the login
        // page asks, without a click, and the page lands on the return URL.
        await page.EvaluateAsync("() => sessionStorage.removeItem('test.noAutofill')");
        await LogOutAsync(page);
        await Expect(page).ToHaveURLAsync(PathIs("/account/sessions"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your sessions" })).ToBeVisibleAsync();
        Assert.NotNull(await AuthCookieAsync(context));

        // Removes the passkey, after a confirmation.
        await page.GotoAsync("account/passkeys");
        await row.GetByRole(AriaRole.Button, new() { Name = "Remove" }).And(page.Locator(":not([disabled])")).ClickAsync();
        await Expect(row.Locator(".passkey-confirm")).ToContainTextAsync("Remove “Alice's laptop”?");
        await row.GetByRole(AriaRole.Button, new() { Name = "Yes, remove" }).ClickAsync();
        await Expect(page.Locator("p.passkey-notice")).ToHaveTextAsync("“Alice's laptop” was removed. It no longer signs you in.");
        await Expect(page.Locator("p.passkey-none")).ToBeVisibleAsync();

        // The authenticator still holds the key, but the site no longer takes it: neither from the button...
        Assert.Single(await authenticator.CredentialsAsync());
        await page.EvaluateAsync("() => sessionStorage.setItem('test.noAutofill', '1')");
        await LogOutAsync(page);
        await Expect(page).ToHaveURLAsync(PathIs("/login?returnUrl=%2Faccount%2Fpasskeys"));
        await button.ClickAsync();
        await Expect(page.Locator("passkey-sign-in p.passkey-message")).ToHaveTextAsync("The passkey was not accepted.");
        Assert.Null(await AuthCookieAsync(context));

        // ...nor from the autofill.
        await page.EvaluateAsync("() => sessionStorage.removeItem('test.noAutofill')");
        await page.ReloadAsync();
        await Expect(page.Locator("passkey-sign-in p.passkey-message")).ToHaveTextAsync("The passkey was not accepted.");
        await Expect(page).ToHaveURLAsync(PathIs("/login?returnUrl=%2Faccount%2Fpasskeys"));
        Assert.Null(await AuthCookieAsync(context));
        Assert.Single(await authenticator.CredentialsAsync());
    }

    [Fact]
    public async Task The_button_works_on_a_login_page_reached_by_enhanced_navigation_and_a_closed_prompt_says_so_calmly()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await VirtualAuthenticator.AddAsync(page);
        await page.GotoAsync("");
        await page.EvaluateAsync("() => window.testLoadedOnce = true");

        await page.Locator("header").GetByRole(AriaRole.Link, new() { Name = "Log in" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(PathIs("/login"));
        Assert.True(await page.EvaluateAsync<bool>("() => window.testLoadedOnce === true"), "The login page was loaded in full, not by enhanced navigation.");
        var signIn = page.Locator("passkey-sign-in");
        var button = page.GetByRole(AriaRole.Button, new() { Name = "Sign in with a passkey" });
        await Expect(button).ToBeEnabledAsync();

        // The authenticator has no passkey for this site, so the browser's prompt finds none: as far as the page can
        // tell, the user closed it.
        await button.ClickAsync();

        await Expect(signIn.Locator("p.passkey-message")).ToHaveTextAsync("The passkey prompt was closed. Nothing was changed; try again when you are ready.");
        await Expect(button).ToBeEnabledAsync();
        await Expect(page).ToHaveURLAsync(PathIs("/login"));
    }

    [Fact]
    public async Task Without_WebAuthn_the_button_and_the_passkeys_page_say_the_browser_cannot_use_passkeys()
    {
        await using var context = await browser.NewContextAsync();
        await context.AddInitScriptAsync("delete window.PublicKeyCredential;");
        var page = await context.NewPageAsync();

        await page.GotoAsync("login?returnUrl=%2Faccount%2Fpasskeys");

        await Expect(page.Locator("passkey-sign-in p.passkey-message")).ToHaveTextAsync("This browser can't use passkeys.");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign in with a passkey" })).ToBeDisabledAsync();

        await LogInAsync(page, "alice", "wonderland");
        await Expect(page).ToHaveURLAsync(PathIs("/account/passkeys"));
        await Expect(page.Locator("p.passkey-unsupported")).ToContainTextAsync("This browser can't use passkeys.");
        await Expect(page.Locator("tr.passkey, p.passkey-none")).ToHaveCountAsync(1);
        await Expect(page.Locator("button.passkey-add-button")).ToBeDisabledAsync();
    }

    private static Task LogOutAsync(IPage page) =>
        page.Locator("header").GetByRole(AriaRole.Button, new() { Name = "Log out" }).ClickAsync();
}
