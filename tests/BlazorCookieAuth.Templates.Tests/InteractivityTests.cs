using System.Net;
using BlazorCookieAuth.Tests.Shared;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BlazorCookieAuth.Templates.Tests;

/// <summary>
/// <c>dotnet new blazorcookieauth --interactivity</c>: Server (the default) keeps the one-project app that the other
/// tests cover; WebAssembly and Auto make a solution with a <c>.Client</c> project whose protected account page builds
/// without warnings, sends anonymous visitors to the login page, and shows the signed-in user once it runs in that mode.
/// </summary>
[Collection(SharedTemplatePackages.Name)]
public sealed class InteractivityTests(TemplatePackages packages)
{
    private const string AuthCookie = "__Host-BlazorCookieAuth";

    /// <summary>How long a page may take to become interactive: WebAssembly downloads and boots a debug runtime first.</summary>
    private static readonly LocatorAssertionsToHaveTextOptions Interactive = new() { Timeout = 60_000 };

    [Fact]
    public async Task Server_is_the_default_and_makes_the_same_one_project_app_as_asking_for_it()
    {
        var byDefault = packages.NewAppDirectory("DefaultMode/App");
        await packages.NewAsync(byDefault, "blazorcookieauth", "--name", "App", "--output", byDefault, "--no-restore");
        var asked = packages.NewAppDirectory("ServerMode/App");
        await packages.NewAsync(asked, "blazorcookieauth", "--name", "App", "--output", asked, "--interactivity", "Server", "--no-restore");

        var files = Files(byDefault);
        Assert.Equal(files, Files(asked));
        Assert.Contains("App.csproj", files);
        Assert.DoesNotContain(files, f => f.EndsWith(".slnx", StringComparison.Ordinal) || f.StartsWith("App.Client/", StringComparison.Ordinal));
        foreach (var file in files.Where(f => f != "Properties/launchSettings.json"))
        {
            // launchSettings.json differs only in its random port.
            Assert.Equal(await File.ReadAllTextAsync(Path.Combine(asked, file)), await File.ReadAllTextAsync(Path.Combine(byDefault, file)));
        }

        var account = await File.ReadAllTextAsync(Path.Combine(byDefault, "Components", "Pages", "Account.razor"));
        Assert.Contains("@rendermode InteractiveServer\n", account, StringComparison.Ordinal);
        Assert.DoesNotContain("WebAssembly", await File.ReadAllTextAsync(Path.Combine(byDefault, "App.csproj")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WebAssembly_app_protects_its_account_page_and_shows_the_user_and_calls_its_API_once_WebAssembly_runs()
    {
        const string Name = "WasmApp";
        var directory = await CreateAppAsync(Name, "WebAssembly", "--users", "memory");
        Assert.True(File.Exists(Path.Combine(directory, Name + ".Client", "CallApi.razor")));

        await using var app = await RunningApp.DotnetRunAsync(directory, "--project", Name);
        await AssertAnonymousVisitorIsSentToLogInAsync(app.BaseAddress);
        using (var anonymous = new CookieKeepingClient(app.BaseAddress))
        using (var api = await anonymous.GetAsync("/api/me"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        }

        // Prerendered on the server with the user already in it, its button disabled until WebAssembly runs the page.
        using var client = await LogInAsync(app.BaseAddress);
        var prerendered = await client.GetPageAsync("/account");
        Assert.Contains("""<dd class="user-name">Alice</dd>""", prerendered, StringComparison.Ordinal);
        Assert.Contains("""<span class="render-mode">prerendered</span>""", prerendered, StringComparison.Ordinal);
        Assert.Contains("""<button class="call-api" disabled>Call the API</button>""", prerendered, StringComparison.Ordinal);
        using (var api = await client.GetAsync("/api/me"))
        {
            Assert.Equal(HttpStatusCode.OK, api.StatusCode);
            Assert.Contains("\"name\":\"Alice\"", await api.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.True(api.Headers.CacheControl?.NoStore, $"GET /api/me sent Cache-Control: {api.Headers.CacheControl}");
        }

        using var playwright = await Playwright.CreateAsync();
        Chromium.EnsureInstalled();
        await using var browser = await playwright.Chromium.LaunchAsync(Chromium.LaunchOptions);
        var (context, page) = await LogInInChromiumAsync(browser, app.BaseAddress);
        await Expect(page.Locator(".render-mode")).ToHaveTextAsync("WebAssembly", Interactive);
        await Expect(page.Locator(".user-name")).ToHaveTextAsync("Alice");
        await Expect(page.Locator(".current-user")).ToHaveTextAsync("Alice");

        // The call goes from the browser with the login cookie.
        var callApi = page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Call the API" });
        await Expect(callApi).ToBeEnabledAsync();
        await callApi.ClickAsync();
        await Expect(page.Locator(".api-answer")).ToContainTextAsync("\"name\":\"Alice\"");

        await AssertLogoutSendsTheBrowserToLogInAsync(context, page, app.BaseAddress);
        await using (var api = await context.APIRequest.GetAsync("api/me"))
        {
            Assert.Equal((int)HttpStatusCode.Unauthorized, api.Status);
        }

        AssertNoWarnings(app);
    }

    [Fact]
    public async Task Auto_app_protects_its_account_page_and_shows_the_user_over_a_circuit_first_and_in_WebAssembly_once_downloaded()
    {
        const string Name = "AutoApp";
        var directory = await CreateAppAsync(Name, "Auto", "--users", "sqlite");
        Assert.False(File.Exists(Path.Combine(directory, Name + ".Client", "CallApi.razor")));
        var server = await File.ReadAllTextAsync(Path.Combine(directory, Name, Name + ".csproj"));
        Assert.Contains($"""<PackageReference Include="BlazorCookieAuth.EntityFrameworkCore" Version="{packages.Version}" />""", server, StringComparison.Ordinal);

        await using var app = await RunningApp.DotnetRunAsync(directory, "--project", Name);
        // dotnet run starts the app in its project's folder, where the SQLite databases go.
        Assert.True(File.Exists(Path.Combine(directory, Name, "users.db")), "The SQLite user store made no users.db:\n" + app.Output);
        await AssertAnonymousVisitorIsSentToLogInAsync(app.BaseAddress);

        using var client = await LogInAsync(app.BaseAddress);
        var prerendered = await client.GetPageAsync("/account");
        Assert.Contains("""<dd class="user-name">Alice</dd>""", prerendered, StringComparison.Ordinal);
        Assert.Contains("""<span class="render-mode">prerendered</span>""", prerendered, StringComparison.Ordinal);

        using var playwright = await Playwright.CreateAsync();
        Chromium.EnsureInstalled();
        await using var browser = await playwright.Chromium.LaunchAsync(Chromium.LaunchOptions);
        var (context, page) = await LogInInChromiumAsync(browser, app.BaseAddress);

        // The first visit finds no WebAssembly runtime in the browser yet: the page runs over a circuit meanwhile.
        await Expect(page.Locator(".render-mode")).ToHaveTextAsync("Server", Interactive);
        await Expect(page.Locator(".user-name")).ToHaveTextAsync("Alice");

        // Meanwhile the browser downloads the WebAssembly runtime, and notes so (blazor.web.js keeps the resources' hash
        // in localStorage). From then on, a visit runs the page in the browser, with the same user.
        await page.WaitForFunctionAsync(
            "() => Object.keys(localStorage).some(k => k.startsWith('blazor-resource-hash:'))",
            null,
            new PageWaitForFunctionOptions { Timeout = 60_000 });
        await page.ReloadAsync();
        await Expect(page.Locator(".render-mode")).ToHaveTextAsync("WebAssembly", Interactive);
        await Expect(page.Locator(".user-name")).ToHaveTextAsync("Alice");
        await Expect(page.Locator(".current-user")).ToHaveTextAsync("Alice");

        await AssertLogoutSendsTheBrowserToLogInAsync(context, page, app.BaseAddress);
        AssertNoWarnings(app);
    }

    /// <summary>
    /// Creates the app with <paramref name="interactivity"/>, checks its two projects and the instructions printed,
    /// and builds it in the generated folder with every warning an error. Returns the generated folder.
    /// </summary>
    private async Task<string> CreateAppAsync(string name, string interactivity, params string[] options)
    {
        var directory = packages.NewAppDirectory(name);
        var printed = await packages.NewAsync(directory, ["blazorcookieauth", "--name", name, "--output", directory, "--interactivity", interactivity, "--no-restore", .. options]);
        Assert.Contains("'dotnet build' builds both, and 'dotnet run --project <name>' runs the app", printed, StringComparison.Ordinal);

        var solution = await File.ReadAllTextAsync(Path.Combine(directory, name + ".slnx"));
        Assert.Contains($"""<Project Path="{name}/{name}.csproj" />""", solution, StringComparison.Ordinal);
        Assert.Contains($"""<Project Path="{name}.Client/{name}.Client.csproj" />""", solution, StringComparison.Ordinal);

        var server = await File.ReadAllTextAsync(Path.Combine(directory, name, name + ".csproj"));
        Assert.Contains($"""<PackageReference Include="BlazorCookieAuth" Version="{packages.Version}" />""", server, StringComparison.Ordinal);
        Assert.Contains("""<PackageReference Include="Microsoft.AspNetCore.Components.WebAssembly.Server" Version="10.0.12" />""", server, StringComparison.Ordinal);
        Assert.Contains($"""<ProjectReference Include="..\{name}.Client\{name}.Client.csproj" />""", server, StringComparison.Ordinal);

        var client = await File.ReadAllTextAsync(Path.Combine(directory, name + ".Client", name + ".Client.csproj"));
        Assert.Contains($"""<PackageReference Include="BlazorCookieAuth.Components" Version="{packages.Version}" />""", client, StringComparison.Ordinal);
        Assert.Contains("""<PackageReference Include="Microsoft.AspNetCore.Components.WebAssembly" Version="10.0.12" />""", client, StringComparison.Ordinal);
        Assert.Contains("builder.Services.AddBlazorCookieAuthClient();", await File.ReadAllTextAsync(Path.Combine(directory, name + ".Client", "Program.cs")), StringComparison.Ordinal);

        // One account page, in the .Client project, protected twice over.
        Assert.False(File.Exists(Path.Combine(directory, name, "Components", "Pages", "Account.razor")));
        var account = await File.ReadAllTextAsync(Path.Combine(directory, name + ".Client", "Pages", "Account.razor"));
        Assert.Contains("@attribute [Authorize]\n", account, StringComparison.Ordinal);
        Assert.Contains($"@rendermode Interactive{interactivity}\n", account, StringComparison.Ordinal);
        Assert.Contains("<RequireLogin>", account, StringComparison.Ordinal);

        await packages.BuildAsync(directory);
        return directory;
    }

    /// <summary>An anonymous request for the account page is sent to the login page with the return URL.</summary>
    private static async Task AssertAnonymousVisitorIsSentToLogInAsync(Uri baseAddress)
    {
        using var client = new CookieKeepingClient(baseAddress);
        using var anonymous = await client.GetAsync("/account");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Equal("/login?returnUrl=%2Faccount", anonymous.Headers.Location?.OriginalString);
    }

    /// <summary>A client that has logged in as alice through the login page's form.</summary>
    private static async Task<CookieKeepingClient> LogInAsync(Uri baseAddress)
    {
        var client = new CookieKeepingClient(baseAddress);
        var token = CookieKeepingClient.AntiforgeryToken(await client.GetPageAsync("/login?returnUrl=%2Faccount"));
        using var login = await client.PostFormAsync("/auth/login", new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["username"] = "alice",
            ["password"] = "alice-password",
            ["returnUrl"] = "/account",
        });
        Assert.Equal(HttpStatusCode.SeeOther, login.StatusCode);
        Assert.Equal("/account", login.Headers.Location?.OriginalString);
        Assert.Contains(AuthCookie, client.Cookies.Keys);
        return client;
    }

    /// <summary>In Chromium, asks for the account page, is sent to the login page, and logs in as alice back to it.</summary>
    private static async Task<(IBrowserContext Context, IPage Page)> LogInInChromiumAsync(IBrowser browser, Uri baseAddress)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseAddress.ToString() });
        var page = await context.NewPageAsync();
        await page.GotoAsync("account");
        Assert.Equal(new Uri(baseAddress, "/login?returnUrl=%2Faccount"), new Uri(page.Url));

        await page.GetByLabel("Username").FillAsync("alice");
        await page.GetByLabel("Password").FillAsync("alice-password");
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Log in" }).ClickAsync();
        await page.WaitForURLAsync(new Uri(baseAddress, "/account").ToString());
        return (context, page);
    }

    /// <summary>The layout's logout button ends the login; the account page then sends the browser to log in again.</summary>
    private static async Task AssertLogoutSendsTheBrowserToLogInAsync(IBrowserContext context, IPage page, Uri baseAddress)
    {
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Log out" }).ClickAsync();
        await page.WaitForURLAsync(new Uri(baseAddress, "/login?returnUrl=%2Faccount").ToString());
        Assert.DoesNotContain(await context.CookiesAsync(), c => c.Name == AuthCookie);
    }

    /// <summary>No setup warning from the kit, and no error at all.</summary>
    private static void AssertNoWarnings(RunningApp app) =>
        Assert.False(app.Output.Contains("warn: BlazorCookieAuth", StringComparison.Ordinal) || app.Output.Contains("fail: ", StringComparison.Ordinal), app.Output);

    /// <summary>The files under <paramref name="directory"/>, relative, with forward slashes, in order.</summary>
    private static List<string> Files(string directory) =>
        [.. Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(directory, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)];
}
