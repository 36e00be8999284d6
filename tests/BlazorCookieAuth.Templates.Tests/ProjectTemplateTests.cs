using System.Net;
using System.Text.RegularExpressions;
using BlazorCookieAuth.Tests.Shared;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BlazorCookieAuth.Templates.Tests;

/// <summary>
/// <c>dotnet new blazorcookieauth</c>: each option value makes an app that builds without warnings, logs users
/// in over HTTP and in Chromium, and lists and ends their sessions; with SQLite, logins outlive a restart.
/// </summary>
[Collection(SharedTemplatePackages.Name)]
public sealed partial class ProjectTemplateTests(TemplatePackages packages)
{
    private const string AuthCookie = "__Host-BlazorCookieAuth";
    private const string SessionsPage = "/account/sessions";

    [Fact]
    public async Task Memory_users_app_logs_in_over_HTTP_with_the_antiforgery_token()
    {
        var directory = await CreateAppAsync("MemoryApp", "--users", "memory");
        var project = await File.ReadAllTextAsync(Path.Combine(directory, "MemoryApp.csproj"));
        Assert.DoesNotContain("Microsoft.Data.Sqlite", project, StringComparison.Ordinal);
        Assert.DoesNotContain("EntityFrameworkCore", project, StringComparison.Ordinal);

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
        Assert.Contains("""<a href="login">Log in</a>""", loginPage, StringComparison.Ordinal);
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
        Assert.Contains("""<strong class="current-user">Alice</strong>""", account, StringComparison.Ordinal);
        Assert.Contains("""<dd class="user-name">Alice</dd>""", account, StringComparison.Ordinal);
        Assert.Contains("yes, the cookie outlives the browser", account, StringComparison.Ordinal);
        Assert.Matches("<form method=\"post\" action=\"/?auth/logout\"", account);
        Assert.Contains("""<a href="account/sessions">Your sessions</a>""", account, StringComparison.Ordinal);
        Assert.Contains("<h1>Admin</h1>", await client.GetPageAsync("/admin"), StringComparison.Ordinal);

        await AssertSessionsPageEndsAnotherLoginAsync(app.BaseAddress, "/login");
        var reauthenticatePage = await client.GetPageAsync("/reauthenticate?returnUrl=%2Faccount%2Fsessions");
        await AssertReauthenticationReturnsToTheSessionsPageAsync(client, CookieKeepingClient.AntiforgeryToken(reauthenticatePage));
    }

    [Fact]
    public async Task Memory_users_app_sends_a_user_without_the_role_to_the_access_denied_page()
    {
        var directory = await CreateAppAsync("RolesApp");

        await using var app = await RunningApp.StartAsync(directory, "RolesApp");
        using var client = await LoggedInClientAsync(app.BaseAddress, "/login", "bob", "bob-password");

        using var admin = await client.GetAsync("/admin");
        Assert.Equal(HttpStatusCode.Redirect, admin.StatusCode);
        var location = admin.Headers.Location?.OriginalString ?? string.Empty;
        Assert.StartsWith("/access-denied", location, StringComparison.Ordinal);
        var denied = await client.GetPageAsync(location);
        Assert.Contains("<h1>Access denied</h1>", denied, StringComparison.Ordinal);
        Assert.Contains("""<strong class="current-user">Bob</strong>""", denied, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sqlite_users_app_with_a_custom_login_path_logs_in_and_out_in_Chromium_and_keeps_sessions_across_a_restart()
    {
        // A dotted name, as in a company's namespaces.
        var directory = await CreateAppAsync("Contoso.SqliteApp", "--users", "sqlite", "--login-path", "/sign-in");
        var project = await File.ReadAllTextAsync(Path.Combine(directory, "Contoso.SqliteApp.csproj"));
        Assert.Contains($"""<PackageReference Include="BlazorCookieAuth.EntityFrameworkCore" Version="{packages.Version}" />""", project, StringComparison.Ordinal);
        Assert.Contains("""<PackageReference Include="Microsoft.EntityFrameworkCore.Sqlite" Version="10.0.15" />""", project, StringComparison.Ordinal);
        Assert.Contains("""<PackageReference Include="Microsoft.Data.Sqlite" Version="10.0.15" />""", project, StringComparison.Ordinal);
        Assert.StartsWith("using Contoso.SqliteApp.Components;", await File.ReadAllTextAsync(Path.Combine(directory, "Program.cs")), StringComparison.Ordinal);

        string rememberedCookie;
        string loggedOutCookie;
        await using (var app = await RunningApp.StartAsync(directory, "Contoso.SqliteApp"))
        {
            Assert.True(File.Exists(Path.Combine(directory, "users.db")), "The SQLite user store made no users.db:\n" + app.Output);
            Assert.True(File.Exists(Path.Combine(directory, "sessions.db")), "The SQLite session store made no sessions.db:\n" + app.Output);

            using (var remembered = await LoggedInClientAsync(app.BaseAddress, "/sign-in", "alice", "alice-password"))
            {
                rememberedCookie = remembered.Cookies[AuthCookie];
            }

            await AssertSessionsPageEndsAnotherLoginAsync(app.BaseAddress, "/sign-in");
            loggedOutCookie = await LogInAndOutInChromiumAsync(app.BaseAddress);
        }

        // Started again (on another port), the app still knows the remembered login and still refuses the logged-out one.
        await using var restarted = await RunningApp.StartAsync(directory, "Contoso.SqliteApp");
        using var returning = new CookieKeepingClient(restarted.BaseAddress, new Dictionary<string, string> { [AuthCookie] = rememberedCookie });
        Assert.Contains("""<dd class="user-name">Alice</dd>""", await returning.GetPageAsync("/account"), StringComparison.Ordinal);

        // Without the browser-session cookie of its login, the sessions page asks for the password again, on the
        // re-authentication page, which the SQLite user store's ValidatePasswordAsync answers.
        using (var sessions = await returning.GetAsync(SessionsPage))
        {
            Assert.Equal(HttpStatusCode.Redirect, sessions.StatusCode);
            Assert.Equal("/reauthenticate?returnUrl=%2Faccount%2Fsessions", sessions.Headers.Location?.OriginalString);
        }

        var reauthenticatePage = await returning.GetPageAsync("/reauthenticate?returnUrl=%2Faccount%2Fsessions");
        Assert.Contains("You are signed in as Alice. Enter your password to continue.", reauthenticatePage, StringComparison.Ordinal);
        await AssertReauthenticationReturnsToTheSessionsPageAsync(returning, CookieKeepingClient.AntiforgeryToken(reauthenticatePage));

        using var loggedOut = new CookieKeepingClient(restarted.BaseAddress, new Dictionary<string, string> { [AuthCookie] = loggedOutCookie });
        using var refused = await loggedOut.GetAsync("/account");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Equal("/sign-in?returnUrl=%2Faccount", refused.Headers.Location?.OriginalString);

        // The sign-in status links anonymous visitors to the login path chosen.
        Assert.Contains("""<a href="sign-in">Log in</a>""", await loggedOut.GetPageAsync("/"), StringComparison.Ordinal);
    }

    /// <summary>
    /// Logs alice in with "Remember me" in Chromium, visits her account and sessions pages, and logs out.
    /// Returns the auth cookie the logout ended.
    /// </summary>
    private static async Task<string> LogInAndOutInChromiumAsync(Uri baseAddress)
    {
        using var playwright = await Playwright.CreateAsync();
        Chromium.EnsureInstalled();
        await using var browser = await playwright.Chromium.LaunchAsync(Chromium.LaunchOptions);
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseAddress.ToString() });
        var page = await context.NewPageAsync();

        await page.GotoAsync("account");
        Assert.Equal(new Uri(baseAddress, "/sign-in?returnUrl=%2Faccount"), new Uri(page.Url));

        await page.GetByLabel("Username").FillAsync("alice");
        await page.GetByLabel("Password").FillAsync("alice-password");
        await page.GetByLabel("Remember me").CheckAsync();
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Log in" }).ClickAsync();

        await page.WaitForURLAsync(new Uri(baseAddress, "/account").ToString());
        Assert.Equal("Alice", await page.Locator(".current-user").TextContentAsync());
        Assert.Equal("Alice", await page.Locator(".user-name").TextContentAsync());
        var cookie = Assert.Single(await context.CookiesAsync(), c => c.Name == AuthCookie);
        Assert.True(cookie.Secure);
        Assert.True(cookie.HttpOnly);
        Assert.Equal(SameSiteAttribute.Lax, cookie.SameSite);

        // The account page links to the sessions page: this browser's login, and the one made over HTTP before.
        await page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "Your sessions" }).ClickAsync();
        await page.WaitForURLAsync(new Uri(baseAddress, SessionsPage).ToString());
        await Expect(page.Locator("tr.session")).ToHaveCountAsync(2);
        await Expect(page.Locator("tr.this-device")).ToContainTextAsync("This device");
        await Expect(page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Sign out everywhere" })).ToBeVisibleAsync();

        // Enhanced navigation patches the layout's logout form too; click only once it names this page, or the
        // click can land while the form still carries the account page's address.
        var logout = page.Locator("form").Filter(new LocatorFilterOptions { Has = page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Log out" }) });
        await Expect(logout.Locator("input[name=returnUrl]")).ToHaveValueAsync(SessionsPage);
        await logout.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Log out" }).ClickAsync();

        // The logout returns to the sessions page, which now sends the browser to the login page again.
        await page.WaitForURLAsync(new Uri(baseAddress, "/sign-in?returnUrl=%2Faccount%2Fsessions").ToString());
        Assert.DoesNotContain(await context.CookiesAsync(), c => c.Name == AuthCookie);
        Assert.Equal(0, await page.Locator(".current-user").CountAsync());
        return cookie.Value;
    }

    /// <summary>
    /// Two logins as bob: the sessions page of one lists both (and no one else's) with antiforgery-protected forms,
    /// and its "Sign out" ends the other, whose cookie is refused from then on.
    /// </summary>
    private static async Task AssertSessionsPageEndsAnotherLoginAsync(Uri baseAddress, string loginPath)
    {
        using var here = await LoggedInClientAsync(baseAddress, loginPath, "bob", "bob-password");
        using var other = await LoggedInClientAsync(baseAddress, loginPath, "bob", "bob-password");

        var page = await here.GetPageAsync(SessionsPage);
        var rows = SessionRows(page);
        Assert.Equal(2, rows.Count);
        Assert.Contains("<strong>This device</strong>", Assert.Single(rows, r => r.Contains("this-device", StringComparison.Ordinal)), StringComparison.Ordinal);
        var otherRow = Assert.Single(rows, r => !r.Contains("this-device", StringComparison.Ordinal));
        Assert.Contains("Sign out all other sessions</button>", page, StringComparison.Ordinal);
        Assert.Contains("""<input type="hidden" name="everywhere" value="true">""", page, StringComparison.Ordinal);

        // The row's button posts the session's handle, never its id, in the page's one end-session form.
        var handle = HandleButton().Match(otherRow);
        Assert.True(handle.Success, "The other session's row has no button that posts its handle:\n" + otherRow);
        Assert.Contains(""""name="_handler" value="end-session"""", page, StringComparison.Ordinal);
        using (var signOut = await here.PostFormAsync(SessionsPage, new Dictionary<string, string>
        {
            ["_handler"] = "end-session",
            ["__RequestVerificationToken"] = CookieKeepingClient.AntiforgeryToken(page),
            ["handle"] = WebUtility.HtmlDecode(handle.Groups["handle"].Value),
        }))
        {
            var html = await signOut.Content.ReadAsStringAsync();
            Assert.True(signOut.StatusCode == HttpStatusCode.OK, $"POST {SessionsPage} answered {(int)signOut.StatusCode}:\n{html}");
            Assert.Contains("Signed out ", html, StringComparison.Ordinal);
            Assert.Single(SessionRows(html));
        }

        using var refused = await other.GetAsync("/account");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Equal(loginPath + "?returnUrl=%2Faccount", refused.Headers.Location?.OriginalString);
        Assert.Contains("<h1>Your account</h1>", await here.GetPageAsync("/account"), StringComparison.Ordinal);
    }

    /// <summary>
    /// Confirms alice's password through <c>POST /auth/reauthenticate</c>, as the re-authentication page posts it with
    /// its <paramref name="token"/>: a wrong one is sent back to the page with the error, the right one to the sessions
    /// page, which then opens. The user store's ValidatePasswordAsync answers.
    /// </summary>
    private static async Task AssertReauthenticationReturnsToTheSessionsPageAsync(CookieKeepingClient client, string token)
    {
        using (var wrong = await client.PostFormAsync("/auth/reauthenticate", ReauthenticationForm(token, "not-her-password")))
        {
            Assert.Equal(HttpStatusCode.SeeOther, wrong.StatusCode);
            Assert.Equal("/reauthenticate?error=1&returnUrl=%2Faccount%2Fsessions", wrong.Headers.Location?.OriginalString);
        }

        using (var right = await client.PostFormAsync("/auth/reauthenticate", ReauthenticationForm(token, "alice-password")))
        {
            Assert.Equal(HttpStatusCode.SeeOther, right.StatusCode);
            Assert.Equal(SessionsPage, right.Headers.Location?.OriginalString);
        }

        Assert.Contains("<h1>Your sessions</h1>", await client.GetPageAsync(SessionsPage), StringComparison.Ordinal);
    }

    private static Dictionary<string, string> ReauthenticationForm(string token, string password) => new()
    {
        ["__RequestVerificationToken"] = token,
        ["password"] = password,
        ["returnUrl"] = SessionsPage,
    };

    /// <summary>A client that has logged in through the login page's form, with "Remember me".</summary>
    private static async Task<CookieKeepingClient> LoggedInClientAsync(Uri baseAddress, string loginPath, string username, string password)
    {
        var client = new CookieKeepingClient(baseAddress);
        var token = CookieKeepingClient.AntiforgeryToken(await client.GetPageAsync(loginPath));
        using var login = await client.PostFormAsync("/auth/login", LoginForm(token, username, password, "/"));
        Assert.Equal(HttpStatusCode.SeeOther, login.StatusCode);
        Assert.Contains(AuthCookie, client.Cookies.Keys);
        return client;
    }

    private static List<string> SessionRows(string html) => [.. SessionRow().Matches(html).Select(m => m.Value)];

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

    [GeneratedRegex("""<tr class="session[^"]*">.*?</tr>""", RegexOptions.Singleline)]
    private static partial Regex SessionRow();

    [GeneratedRegex("""<button type="submit" class="end-session" name="handle" value="(?<handle>[^"]+)">Sign out</button>""")]
    private static partial Regex HandleButton();
}
