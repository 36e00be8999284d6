using System.Collections.Concurrent;
using System.Net;
using System.Text.RegularExpressions;
using BlazorCookieAuth.Tests.Shared;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BlazorCookieAuth.Templates.Tests;

/// <summary>
/// The quick start in docs/getting-started.md (adding the kit to an app you have), applied word for word to a new
/// <c>dotnet new blazor</c> app, with per-page and with global interactivity: it builds without a warning, logs in
/// over HTTP, and keeps its protected page from an anonymous visitor, whether asked for directly or reached by a link.
/// </summary>
[Collection(SharedTemplatePackages.Name)]
public sealed partial class QuickStartTests(TemplatePackages packages)
{
    /// <summary>The name the quick start is written for.</summary>
    private const string AppName = "MyApp";

    /// <summary>The heading of the quick start in docs/getting-started.md; its section runs to the next <c>## </c> heading.</summary>
    private const string QuickStartHeading = "## 2. Add the kit to an app you have";

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_getting_started_quick_start_builds_without_warnings_logs_in_and_protects_its_page(bool allInteractive)
    {
        var directory = await CreateAppAsync(allInteractive ? "QuickStartGlobal" : "QuickStartPerPage", allInteractive, skip: null);
        await using var app = await RunningApp.StartAsync(directory, AppName);

        await AssertLogsInOverHttpAsync(app.BaseAddress);
        await AssertAnonymousVisitorNeverSeesTheCounterAsync(app.BaseAddress, allInteractive);
        // No setup warning from the kit, and no error at all.
        Assert.False(app.Output.Contains("warn: BlazorCookieAuth", StringComparison.Ordinal) || app.Output.Contains("fail: ", StringComparison.Ordinal), app.Output);
    }

    [Fact]
    public async Task Without_AuthorizeRouteView_under_global_interactivity_the_page_is_refused_and_the_fix_logged()
    {
        // Every step but the one that puts AuthorizeRouteView in Routes.razor, which keeps the template's RouteView.
        var directory = await CreateAppAsync("QuickStartRouteView", allInteractive: true, skip: "Components/Routes.razor");
        await using var app = await RunningApp.StartAsync(directory, AppName);
        using var playwright = await Playwright.CreateAsync();
        Chromium.EnsureInstalled();
        await using var browser = await playwright.Chromium.LaunchAsync(Chromium.LaunchOptions);
        var page = await (await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseAddress.ToString() })).NewPageAsync();

        await page.GotoAsync("");
        await Expect(page.Locator(".render-mode")).ToHaveTextAsync("interactive");
        await page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "Counter" }).ClickAsync();

        // The circuit fails instead of rendering the page: the framework's error bar shows, the counter never does.
        await Expect(page.Locator("#blazor-error-ui")).ToBeVisibleAsync();
        Assert.Equal(0, await page.GetByText("Current count").CountAsync());
        Assert.Contains("has [Authorize] but was about to render in a circuit for a user who is not logged in", app.Output, StringComparison.Ordinal);
        Assert.Contains("use <AuthorizeRouteView> in its place", app.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Authorize_in_Imports_without_AllowAnonymous_on_the_login_page_answers_500_and_logs_the_fix_instead_of_a_redirect_loop()
    {
        // The newcomer's mistake: every page protected at once, the login page with them.
        var directory = await CreateAppAsync("QuickStartAuthorizeAll", allInteractive: false, skip: null, beforeBuild: async app =>
        {
            await File.AppendAllTextAsync(Path.Combine(app, "Components", "_Imports.razor"), "@attribute [Authorize]\n");
            var login = Path.Combine(app, "Components", "Pages", "Login.razor");
            await File.WriteAllTextAsync(login, (await File.ReadAllTextAsync(login)).Replace("@attribute [AllowAnonymous]\n", "", StringComparison.Ordinal));
        });
        await using var app = await RunningApp.StartAsync(directory, AppName);
        using var client = new CookieKeepingClient(app.BaseAddress);

        using (var home = await client.GetAsync("/"))
        {
            Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
            Assert.Equal("/login?returnUrl=%2F", home.Headers.Location?.OriginalString);
        }

        using var login = await client.GetAsync("/login?returnUrl=%2F");
        Assert.Equal(HttpStatusCode.InternalServerError, login.StatusCode);
        Assert.Null(login.Headers.Location);
        Assert.Equal("The login page can't be shown because of a server error.", await login.Content.ReadAsStringAsync());
        Assert.Contains("The login page /login requires a login itself", app.Output, StringComparison.Ordinal);
        Assert.Contains("Put @attribute [AllowAnonymous] on the login page", app.Output, StringComparison.Ordinal);
    }

    /// <summary>
    /// A new <c>dotnet new blazor</c> app named <see cref="AppName"/> with the quick start of docs/getting-started.md
    /// applied word for word (but for the step on <paramref name="skip"/>), built with every warning an error.
    /// </summary>
    private async Task<string> CreateAppAsync(string folder, bool allInteractive, string? skip, Func<string, Task>? beforeBuild = null)
    {
        var directory = packages.NewAppDirectory(folder);
        string[] interactivity = allInteractive ? ["--interactivity", "Server", "--all-interactive"] : ["--interactivity", "Server"];
        await packages.NewAsync(directory, ["blazor", "--name", AppName, "--output", directory, .. interactivity, "--no-restore"]);

        var quickStart = QuickStart(await File.ReadAllTextAsync(Path.Combine(packages.Repository, "docs", "getting-started.md")));
        Assert.Contains("dotnet add package BlazorCookieAuth\n", quickStart, StringComparison.Ordinal);
        await DotnetCli.RunAsync(directory, "add", "package", "BlazorCookieAuth", "--version", packages.Version, "--no-restore");
        var steps = QuickStartStep().Matches(quickStart);
        Assert.Equal(7, steps.Count);
        foreach (Match step in steps)
        {
            var (action, path) = (step.Groups["action"].Value, step.Groups["path"].Value);
            if (path == skip || (action == "file-if-all-interactive" && !allInteractive))
            {
                continue;
            }

            await ApplyAsync(directory, action == "file-if-all-interactive" ? "file" : action, path, step.Groups["code"].Value);
        }

        // Test instrumentation, not part of the quick start: the home page says when it has become interactive.
        await File.AppendAllTextAsync(Path.Combine(directory, "Components", "Pages", "Home.razor"), "\n<p class=\"render-mode\">@(RendererInfo.IsInteractive ? \"interactive\" : \"static\")</p>\n");

        if (beforeBuild is not null)
        {
            await beforeBuild(directory);
        }

        await packages.BuildAsync(directory);
        return directory;
    }

    private static async Task AssertLogsInOverHttpAsync(Uri baseAddress)
    {
        using var client = new CookieKeepingClient(baseAddress);
        using (var anonymous = await client.GetAsync("/counter"))
        {
            Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
            Assert.Equal("/login?returnUrl=%2Fcounter", anonymous.Headers.Location?.OriginalString);
        }

        var token = CookieKeepingClient.AntiforgeryToken(await client.GetPageAsync("/login?returnUrl=%2Fcounter"));
        using var login = await client.PostFormAsync("/auth/login", new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["username"] = "alice",
            ["password"] = "change-me",
            ["returnUrl"] = "/counter",
        });
        Assert.Equal(HttpStatusCode.SeeOther, login.StatusCode);
        Assert.Equal("/counter", login.Headers.Location?.OriginalString);
        Assert.Contains("Current count", await client.GetPageAsync("/counter"), StringComparison.Ordinal);
    }

    /// <summary>
    /// In Chromium, an anonymous visitor clicks the menu's Counter link once the home page is as interactive as it
    /// gets, lands on the login page, and the counter's content never reached the browser; then logs in.
    /// </summary>
    private static async Task AssertAnonymousVisitorNeverSeesTheCounterAsync(Uri baseAddress, bool allInteractive)
    {
        using var playwright = await Playwright.CreateAsync();
        Chromium.EnsureInstalled();
        await using var browser = await playwright.Chromium.LaunchAsync(Chromium.LaunchOptions);
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseAddress.ToString() });
        var page = await context.NewPageAsync();
        var counterShown = false;
        page.Response += async (_, response) =>
        {
            if (response.Url.Contains("/counter", StringComparison.Ordinal) && response.Status == 200
                && (await response.TextAsync()).Contains("Current count", StringComparison.Ordinal))
            {
                counterShown = true;
            }
        };
        // Playwright raises Request alongside the test, not in turn with it: the page may still be making requests
        // while the test reads them.
        var documentRequests = new ConcurrentQueue<string>();
        page.Request += (_, request) => documentRequests.Enqueue(new Uri(request.Url).AbsolutePath);

        await page.GotoAsync("");
        await Expect(page.Locator(".render-mode")).ToHaveTextAsync(allInteractive ? "interactive" : "static");
        await page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "Counter" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Uri(baseAddress, "/login?returnUrl=%2Fcounter").ToString());
        await Expect(page.GetByRole(AriaRole.Heading, new PageGetByRoleOptions { Name = "Log in" })).ToBeVisibleAsync();
        Assert.Equal(0, await page.GetByText("Current count").CountAsync());
        Assert.False(counterShown);
        if (allInteractive)
        {
            // The circuit's router handled the click (AuthorizeRouteView sent the browser on); no HTTP request asked for /counter.
            Assert.DoesNotContain("/counter", documentRequests.ToArray());
        }

        await page.GetByLabel("Username").FillAsync("alice");
        await page.GetByLabel("Password").FillAsync("change-me");
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Log in" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Uri(baseAddress, "/counter").ToString());
        await Expect(page.GetByText("Current count")).ToBeVisibleAsync();
    }

    private static string QuickStart(string gettingStarted)
    {
        var start = gettingStarted.IndexOf(QuickStartHeading + "\n", StringComparison.Ordinal);
        var end = gettingStarted.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, $"docs/getting-started.md has no section '{QuickStartHeading}'.");
        return gettingStarted[start..end].Replace("\r\n", "\n", StringComparison.Ordinal);
    }

    private static async Task ApplyAsync(string directory, string action, string path, string code)
    {
        var file = Path.Combine(directory, path);
        switch (action)
        {
            case "file":
                await File.WriteAllTextAsync(file, code);
                break;
            case "append":
                var existing = await File.ReadAllTextAsync(file);
                await File.WriteAllTextAsync(file, existing.TrimEnd() + "\n" + code);
                break;
            case "insert-after-first-line":
                var lines = (await File.ReadAllTextAsync(file)).Split('\n').ToList();
                lines.Insert(1, code.TrimEnd('\n'));
                await File.WriteAllTextAsync(file, string.Join('\n', lines));
                break;
            default:
                Assert.Fail($"The quick start in docs/getting-started.md has a step this test doesn't know: {action} {path}");
                break;
        }
    }

    [GeneratedRegex("""<!-- quickstart: (?<action>\S+) (?<path>\S+) -->\n```\w*\n(?<code>.*?)```""", RegexOptions.Singleline)]
    private static partial Regex QuickStartStep();
}
