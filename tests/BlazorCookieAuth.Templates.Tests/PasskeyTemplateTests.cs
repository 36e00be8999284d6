using System.Diagnostics;
using BlazorCookieAuth.Tests.Shared;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace BlazorCookieAuth.Templates.Tests;

/// <summary>
/// <c>dotnet new blazorcookieauth</c> makes an app with passkeys unless told <c>--passkeys false</c>: the login page's
/// "Sign in with a passkey" button and autofill, and <c>/account/passkeys</c> linked from the account page. With
/// <c>--users sqlite</c> the passkeys live in the users database. Checked in Chromium with its virtual authenticator,
/// at <c>http://localhost:PORT</c> (WebAuthn refuses IP addresses).
/// </summary>
[Collection(SharedTemplatePackages.Name)]
public sealed class PasskeyTemplateTests(TemplatePackages packages, ITestOutputHelper output)
{
    private const string AuthCookie = "__Host-BlazorCookieAuth";

    /// <summary>
    /// Makes pages report no passkey autofill while the browser has the cookie <c>test-autofill=off</c>, so that only the
    /// button signs in: Chromium's virtual authenticator answers an autofill request the moment a page makes it. A
    /// cookie, since cookies belong to the host whatever the port, and the app changes port when it restarts.
    /// </summary>
    private const string AutofillSwitch = "if (window.PublicKeyCredential && document.cookie.includes('test-autofill=off')) { PublicKeyCredential.isConditionalMediationAvailable = async () => false; }";

    [Fact]
    public async Task A_new_SQLite_app_adds_a_passkey_and_after_a_restart_signs_in_with_the_button_and_autofill_opens_a_fresh_only_page_and_not_once_it_is_removed()
    {
        const string Name = "PasskeyApp";
        var directory = packages.NewAppDirectory(Name);
        await packages.NewAsync(directory, "blazorcookieauth", "--name", Name, "--output", directory, "--users", "sqlite", "--no-restore");

        var project = await File.ReadAllTextAsync(Path.Combine(directory, Name + ".csproj"));
        Assert.Contains($"""<PackageReference Include="BlazorCookieAuth.Passkeys" Version="{packages.Version}" />""", project, StringComparison.Ordinal);
        Assert.Contains($"""<PackageReference Include="BlazorCookieAuth.Passkeys.EntityFrameworkCore" Version="{packages.Version}" />""", project, StringComparison.Ordinal);
        var program = await File.ReadAllTextAsync(Path.Combine(directory, "Program.cs"));
        Assert.Contains(".AddPasskeys<PasskeyUserLoader>(o => o.RelyingPartyName = \"PasskeyApp\")", program, StringComparison.Ordinal);
        Assert.Contains(".AddEntityFrameworkPasskeyStore(o => o.UseSqlite(builder.Configuration.GetConnectionString(\"Users\")", program, StringComparison.Ordinal);
        Assert.Contains("http://localhost:", await File.ReadAllTextAsync(Path.Combine(directory, "Properties", "launchSettings.json")), StringComparison.Ordinal);
        await packages.BuildAsync(directory);

        using var playwright = await Playwright.CreateAsync();
        Chromium.EnsureInstalled();
        await using var browser = await playwright.Chromium.LaunchAsync(Chromium.LaunchOptions);
        await using var context = await browser.NewContextAsync();
        await context.AddInitScriptAsync(AutofillSwitch);
        await SetAutofillAsync(context, on: false);
        var page = await context.NewPageAsync();
        var authenticator = await VirtualAuthenticator.AddAsync(page);
        await using (var app = await RunningApp.DotnetRunAtLocalhostAsync(directory))
        {
            // alice signs in with her password, then adds a passkey from the page her account page links to.
            await page.GotoAsync(app.BaseAddress + "account");
            await page.GetByLabel("Username").FillAsync("alice");
            await page.GetByLabel("Password").FillAsync("alice-password");
            await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
            await Expect(page).ToHaveURLAsync(app.BaseAddress + "account");
            await page.GetByRole(AriaRole.Link, new() { Name = "Your passkeys" }).ClickAsync();
            await Expect(page).ToHaveURLAsync(app.BaseAddress + "account/passkeys");
            await Expect(page.Locator("button.passkey-add-button")).ToBeEnabledAsync();
            await page.GetByLabel("Name of the new passkey").FillAsync("Work laptop");
            await page.Locator("button.passkey-add-button").ClickAsync();
            await Expect(page.Locator("tr.passkey .passkey-name")).ToHaveTextAsync("Work laptop");
            Assert.Single(await authenticator.CredentialsAsync());
            await page.GetByRole(AriaRole.Button, new() { Name = "Log out" }).ClickAsync();
            await Expect(page).ToHaveURLAsync(app.BaseAddress + "login?returnUrl=%2Faccount%2Fpasskeys");
        }

        // A restart (on another port; the relying party is localhost whatever the port): the passkey was kept in the
        // users database, and signs alice in from the login page's button.
        await using (var app = await RunningApp.DotnetRunAtLocalhostAsync(directory))
        {
            await page.GotoAsync(app.BaseAddress + "account/passkeys");
            await Expect(page).ToHaveURLAsync(app.BaseAddress + "login?returnUrl=%2Faccount%2Fpasskeys");
            var button = page.GetByRole(AriaRole.Button, new() { Name = "Sign in with a passkey" });
            var sinceClick = Stopwatch.StartNew();
            await button.ClickAsync();
            await Expect(page).ToHaveURLAsync(app.BaseAddress + "account/passkeys");
            await Expect(page.Locator("tr.passkey .passkey-name")).ToHaveTextAsync("Work laptop");
            output.WriteLine($"From the button to the signed-in page: {sinceClick.ElapsedMilliseconds} ms.");
            Assert.Contains(await context.CookiesAsync(), c => c.Name == AuthCookie);

            // Logged out, she signs in again from the username field's autofill, which the authenticator answers.
            await page.GetByRole(AriaRole.Button, new() { Name = "Log out" }).ClickAsync();
            await Expect(page).ToHaveURLAsync(app.BaseAddress + "login?returnUrl=%2Faccount%2Fpasskeys");
            Assert.DoesNotContain(await context.CookiesAsync(), c => c.Name == AuthCookie);
            await SetAutofillAsync(context, on: true);
            await page.ReloadAsync();
            await Expect(page).ToHaveURLAsync(app.BaseAddress + "account/passkeys");
            Assert.Contains(await context.CookiesAsync(), c => c.Name == AuthCookie);
            await SetAutofillAsync(context, on: false);

            // A passkey login is fresh: the sessions page opens, and alice removes the passkey, without her password.
            await page.GotoAsync(app.BaseAddress + "account/sessions");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your sessions" })).ToBeVisibleAsync();
            await page.GotoAsync(app.BaseAddress + "account/passkeys");
            var row = page.Locator("tr.passkey");
            await row.GetByRole(AriaRole.Button, new() { Name = "Remove" }).And(page.Locator(":not([disabled])")).ClickAsync();
            await row.GetByRole(AriaRole.Button, new() { Name = "Yes, remove" }).ClickAsync();
            await Expect(page.Locator("p.passkey-none")).ToBeVisibleAsync();

            // Logged out, she can't sign in with it again, although the authenticator still holds the key.
            await page.GetByRole(AriaRole.Button, new() { Name = "Log out" }).ClickAsync();
            await Expect(page).ToHaveURLAsync(app.BaseAddress + "login?returnUrl=%2Faccount%2Fpasskeys");
            await button.ClickAsync();
            await Expect(page.Locator("passkey-sign-in p.passkey-message")).ToHaveTextAsync("The passkey was not accepted.");
            await SetAutofillAsync(context, on: true);
            await page.ReloadAsync();
            await Expect(page.Locator("passkey-sign-in p.passkey-message")).ToHaveTextAsync("The passkey was not accepted.");
            Assert.DoesNotContain(await context.CookiesAsync(), c => c.Name == AuthCookie);
            Assert.Single(await authenticator.CredentialsAsync());
            Assert.False(app.Output.Contains("fail: ", StringComparison.Ordinal), app.Output);
        }
    }

    [Fact]
    public async Task Without_passkeys_a_new_app_has_no_passkey_page_button_loader_or_package()
    {
        const string Name = "PlainApp";
        var directory = packages.NewAppDirectory(Name);

        await packages.NewAsync(directory, "blazorcookieauth", "--name", Name, "--output", directory, "--users", "sqlite", "--passkeys", "false", "--no-restore");

        Assert.False(File.Exists(Path.Combine(directory, "Components", "Pages", "Passkeys.razor")));
        Assert.False(File.Exists(Path.Combine(directory, "Users", "PasskeyUserLoader.cs")));
        foreach (var file in new[] { Name + ".csproj", "Program.cs", "Components/Pages/Login.razor", "Components/Pages/Account.razor" })
        {
            Assert.DoesNotContain("Passkey", await File.ReadAllTextAsync(Path.Combine(directory, file)), StringComparison.Ordinal);
        }

        await packages.BuildAsync(directory);
    }

    private static async Task SetAutofillAsync(IBrowserContext context, bool on)
    {
        if (on)
        {
            await context.ClearCookiesAsync(new() { Name = "test-autofill" });
        }
        else
        {
            await context.AddCookiesAsync([new Cookie { Name = "test-autofill", Value = "off", Domain = "localhost", Path = "/" }]);
        }
    }
}
