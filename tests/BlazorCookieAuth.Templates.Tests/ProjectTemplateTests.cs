using System.Net;
using BlazorCookieAuth.Tests.Shared;
using Microsoft.Playwright;

namespace BlazorCookieAuth.Templates.Tests;

/// <summary>
/// <c>dotnet new blazorcookieauth</c>: each option value makes an app that builds without warnings and logs
/// users in, over HTTP and in Chromium.
/// </summary>
[Collection(SharedTemplatePackages.Name)]
public sealed class ProjectTemplateTests(TemplatePackages packages)
{
    private const string AuthCookie = "__Host-BlazorCookieAuth";

    [Fact]
    public async Task Memory_users_app_logs_in_over_HTTP_with_the_antiforgery_token()
    {
        var directory = await CreateAppAsync("MemoryApp", "--users", "memory");
        Assert.DoesNotContain("Microsoft.Data.Sqlite", await File.ReadAllTextAsync(Path.Combine(directory, "MemoryApp.csproj")), StringComparison.Ordinal);

        await using var app = await RunningApp.StartAsync(directory, "MemoryApp");
        using var client = new CookieKeepingClient(app.BaseAddress);

        using (var anonymous = await client.GetAsync("/account"))
        {
            Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
            Assert.Equal("/login?returnUrl=%2Faccount", anonymous.Headers.Location?.OriginalString);
        }

        var loginPage = await client.GetPageAsync("/login?returnUrl=%2Faccount");
        Assert.Contains("""<form class="login-form" method="post" action="auth/login">""", loginPage, StringComparison.Ordinal);
        Assert.Contains("""<input type="hidden" name="returnUrl" value="/account" />""", loginPage, StringComparison.Ordinal);
        Assert.Contains("name=\"remember\" type=\"checkbox\" value=\"true\"", loginPage, StringComparison.Ordinal);
        var token = CookieKeepingClient.AntiforgeryToken(loginPage);

        using (var wrongPassword = await client.PostFormAsync("/auth/login", LoginForm(token, "alice", "not-her-password", "/account")))
        {
            Assert.Equal(HttpStatusCode.SeeOther, wrongPassword.StatusCode);
            Assert.Equal("/login?error=1&returnUrl=%2Faccount", wrongPassword.Headers.Location?.OriginalString);
            Assert.DoesNotContain(AuthCookie, client.Cookies.Keys);
        }

        Assert.Contains("The username or password is wrong.", await client.GetPageAsync("/login?error=1&returnUrl=%2Faccount"), StringComparison.Ordinal);

        using (var login = await client.PostFormAsync("/auth/login", LoginForm(token, "alice", "alice-password", "/account")))
        {
            Assert.Equal(HttpStatusCode.SeeOther, login.StatusCode);
            Assert.Equal("/account", login.Headers.Location?.OriginalString);
            var setCookie = Assert.Single(login.Headers.GetValues("Set-Cookie"), c => c.StartsWith(AuthCookie + "=", StringComparison.Ordinal));
            Assert.Contains("; path=/", setCookie, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("; secure", setCookie, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("; httponly", setCookie, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("; samesite=lax", setCookie, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("; max-age=", setCookie, StringComparison.OrdinalIgnoreCase);
        }

        var account = await client.GetPageAsync("/account");
        Assert.Contains("""<strong class="current-user">alice</strong>""", account, StringComparison.Ordinal);
        Assert.Contains("""<dd class="user-name">alice</dd>""", account, StringComparison.Ordinal);
        Assert.Contains("yes, the cookie outlives the browser", account, StringComparison.Ordinal);
        Assert.Matches("<form method=\"post\" action=\"/?auth/logout\"", account);
        Assert.Contains("<h1>Admin</h1>", await client.GetPageAsync("/admin"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Memory_users_app_sends_a_user_without_the_role_to_the_access_denied_page()
    {
        var directory = await CreateAppAsync("RolesApp");

        await using var app = await RunningApp.StartAsync(directory, "RolesApp");
        using var client = new CookieKeepingClient(app.BaseAddress);
        var token = CookieKeepingClient.AntiforgeryToken(await client.GetPageAsync("/login"));
        using (var login = await client.PostFormAsync("/auth/login", LoginForm(token, "bob", "bob-password", "/")))
        {
            Assert.Equal(HttpStatusCode.SeeOther, login.StatusCode);
            Assert.Contains(AuthCookie, client.Cookies.Keys);
        }

        using var admin = await client.GetAsync("/admin");
        Assert.Equal(HttpStatusCode.Redirect, admin.StatusCode);
        var location = admin.Headers.Location?.OriginalString ?? string.Empty;
        Assert.StartsWith("/access-denied", location, StringComparison.Ordinal);
        var denied = await client.GetPageAsync(location);
        Assert.Contains("<h1>Access denied</h1>", denied, StringComparison.Ordinal);
        Assert.Contains("""<strong class="current-user">bob</strong>""", denied, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sqlite_users_app_with_a_custom_login_path_logs_in_and_out_in_Chromium()
    {
        // A dotted name, as in a company's namespaces.
        var directory = await CreateAppAsync("Contoso.SqliteApp", "--users", "sqlite", "--login-path", "/sign-in");
        Assert.Contains("Microsoft.Data.Sqlite", await File.ReadAllTextAsync(Path.Combine(directory, "Contoso.SqliteApp.csproj")), StringComparison.Ordinal);
        Assert.StartsWith("using Contoso.SqliteApp.Components;", await File.ReadAllTextAsync(Path.Combine(directory, "Program.cs")), StringComparison.Ordinal);

        await using var app = await RunningApp.StartAsync(directory, "Contoso.SqliteApp");
        Assert.True(File.Exists(Path.Combine(directory, "users.db")), "The SQLite user store made no users.db:\n" + app.Output);

        using var playwright = await Playwright.CreateAsync();
        Chromium.EnsureInstalled();
        await using var browser = await playwright.Chromium.LaunchAsync(Chromium.LaunchOptions);
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseAddress.ToString() });
        var page = await context.NewPageAsync();

        await page.GotoAsync("account");
        Assert.Equal(new Uri(app.BaseAddress, "/sign-in?returnUrl=%2Faccount"), new Uri(page.Url));

        await page.GetByLabel("Username").FillAsync("alice");
        await page.GetByLabel("Password").FillAsync("alice-password");
        await page.GetByLabel("Remember me").CheckAsync();
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Log in" }).ClickAsync();

        await page.WaitForURLAsync(new Uri(app.BaseAddress, "/account").ToString());
        Assert.Equal("alice", await page.Locator(".current-user").TextContentAsync());
        Assert.Equal("alice", await page.Locator(".user-name").TextContentAsync());
        var cookie = Assert.Single(await context.CookiesAsync(), c => c.Name == AuthCookie);
        Assert.True(cookie.Secure);
        Assert.True(cookie.HttpOnly);
        Assert.Equal(SameSiteAttribute.Lax, cookie.SameSite);

        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Log out" }).ClickAsync();

        // The logout returns to /account, which now sends the browser to the login page again.
        await page.WaitForURLAsync(new Uri(app.BaseAddress, "/sign-in?returnUrl=%2Faccount").ToString());
        Assert.DoesNotContain(await context.CookiesAsync(), c => c.Name == AuthCookie);
        Assert.Equal(0, await page.Locator(".current-user").CountAsync());
    }

    private async Task<string> CreateAppAsync(string name, params string[] options)
    {
        var directory = packages.NewAppDirectory(name);
        await packages.NewAsync(directory, ["blazorcookieauth", "--name", name, "--output", directory, "--framework", "net10.0", "--no-restore", .. options]);
        var project = await File.ReadAllTextAsync(Path.Combine(directory, name + ".csproj"));
        Assert.Contains($"""<PackageReference Include="BlazorCookieAuth" Version="{packages.Version}" />""", project, StringComparison.Ordinal);
        await packages.BuildAsync(directory);
        return directory;
    }

    private static Dictionary<string, string> LoginForm(string token, string username, string password, string returnUrl) => new()
    {
        ["__RequestVerificationToken"] = token,
        ["username"] = username,
        ["password"] = password,
        ["remember"] = "true",
        ["returnUrl"] = returnUrl,
    };
}
