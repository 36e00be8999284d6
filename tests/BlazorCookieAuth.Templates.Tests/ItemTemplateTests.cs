using System.Net;
using System.Text.RegularExpressions;

namespace BlazorCookieAuth.Templates.Tests;

/// <summary>
/// <c>dotnet new blazorcookieauth-pages</c> in a fresh <c>dotnet new blazor</c> app: after the Program.cs lines
/// it prints are applied, the app builds without warnings and serves the login, sessions and re-authentication pages.
/// </summary>
[Collection(SharedTemplatePackages.Name)]
public sealed partial class ItemTemplateTests(TemplatePackages packages)
{
    private const string AppName = "ExistingApp";

    [Fact]
    public async Task Pages_added_to_a_new_Blazor_app_build_and_serve_the_login_sessions_and_reauthentication_pages_once_the_printed_lines_are_applied()
    {
        var directory = packages.NewAppDirectory(AppName);
        await packages.NewAsync(directory, "blazor", "--name", AppName, "--output", directory, "--interactivity", "Server", "--no-restore");
        // Restored, as an app being worked on is, so the template can read the project's root namespace.
        await DotnetCli.RunAsync(directory, "restore");

        var printed = await packages.NewAsync(directory, "blazorcookieauth-pages");

        foreach (var file in new[] { "Components/Pages/Login.razor", "Components/Pages/AccessDenied.razor", "Components/Pages/Sessions.razor", "Components/Pages/Reauthenticate.razor", "Components/Layout/SignInStatus.razor" })
        {
            Assert.True(File.Exists(Path.Combine(directory, file)), $"{file} was not added. dotnet new printed:\n{printed}");
        }

        var validator = await File.ReadAllTextAsync(Path.Combine(directory, "Authentication", "CredentialValidator.cs"));
        Assert.Contains($"namespace {AppName}.Authentication;", validator, StringComparison.Ordinal);

        // Passkeys are on by default: their page, the loader to fill in, and a second package to add.
        Assert.True(File.Exists(Path.Combine(directory, "Components", "Pages", "Passkeys.razor")), "Passkeys.razor was not added. dotnet new printed:\n" + printed);
        var passkeyUsers = await File.ReadAllTextAsync(Path.Combine(directory, "Authentication", "PasskeyUserLoader.cs"));
        Assert.Contains($"namespace {AppName}.Authentication;", passkeyUsers, StringComparison.Ordinal);

        var instructions = printed[(printed.IndexOf("Manual instructions:", StringComparison.Ordinal) + "Manual instructions:".Length)..];
        var addPackages = AddPackageLine().Matches(instructions);
        Assert.Equal(["BlazorCookieAuth", "BlazorCookieAuth.Passkeys"], addPackages.Select(m => m.Groups["id"].Value));
        foreach (Match addPackage in addPackages)
        {
            Assert.Equal(packages.Version, addPackage.Groups["version"].Value);
            await DotnetCli.RunAsync(directory, "add", "package", addPackage.Groups["id"].Value, "--version", packages.Version, "--no-restore");
        }

        var programPath = Path.Combine(directory, "Program.cs");
        await File.WriteAllTextAsync(programPath, ApplyProgramInstructions(await File.ReadAllTextAsync(programPath), instructions));
        var layoutPath = Path.Combine(directory, "Components", "Layout", "MainLayout.razor");
        var layout = await File.ReadAllTextAsync(layoutPath);
        await File.WriteAllTextAsync(layoutPath, layout.Replace("""<div class="top-row px-4">""", """<div class="top-row px-4"><SignInStatus />""", StringComparison.Ordinal));

        await packages.BuildAsync(directory);
        await using var app = await RunningApp.StartAsync(directory, AppName);
        using var client = new CookieKeepingClient(app.BaseAddress);

        var loginPage = await client.GetPageAsync("/login");
        Assert.Contains("""<form class="login-form" method="post" action="auth/login">""", loginPage, StringComparison.Ordinal);
        Assert.Contains("""<input name="password" type="password" autocomplete="current-password" required""", loginPage, StringComparison.Ordinal);
        Assert.Contains("""<div class="sign-in-status"><a href="login">Log in</a></div>""", loginPage, StringComparison.Ordinal);

        // The endpoint is wired: the starter validator refuses everyone until the app fills it in.
        var token = CookieKeepingClient.AntiforgeryToken(loginPage);
        using var login = await client.PostFormAsync("/auth/login", new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["username"] = "alice",
            ["password"] = "alice-password",
        });
        Assert.Equal(HttpStatusCode.SeeOther, login.StatusCode);
        Assert.Equal("/login?error=1", login.Headers.Location?.OriginalString);

        // The sessions page is routed, and wants a fresh login.
        using var sessions = await client.GetAsync("/account/sessions");
        Assert.Equal(HttpStatusCode.Redirect, sessions.StatusCode);
        Assert.Equal("/login?returnUrl=%2Faccount%2Fsessions", sessions.Headers.Location?.OriginalString);

        // The re-authentication page is routed too; an anonymous visitor is pointed to the login page.
        Assert.Contains("""You are not signed in. <a href="login">Log in</a>""", await client.GetPageAsync("/reauthenticate"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pages_template_without_passkeys_adds_no_passkey_page_loader_button_or_package()
    {
        var directory = packages.NewAppDirectory("NoPasskeys");

        var printed = await packages.NewAsync(directory, "blazorcookieauth-pages", "--namespace", "Contoso.Shop", "--passkeys", "false");

        Assert.True(File.Exists(Path.Combine(directory, "Components", "Pages", "Login.razor")), printed);
        Assert.False(File.Exists(Path.Combine(directory, "Components", "Pages", "Passkeys.razor")));
        Assert.False(File.Exists(Path.Combine(directory, "Authentication", "PasskeyUserLoader.cs")));
        var login = await File.ReadAllTextAsync(Path.Combine(directory, "Components", "Pages", "Login.razor"));
        Assert.DoesNotContain("Passkey", login, StringComparison.Ordinal);
        Assert.Contains("""<input name="username" autocomplete="username" required autofocus />""", login, StringComparison.Ordinal);
        var instructions = printed[printed.IndexOf("Manual instructions:", StringComparison.Ordinal)..];
        Assert.Equal(["BlazorCookieAuth"], AddPackageLine().Matches(instructions).Select(m => m.Groups["id"].Value));
        Assert.DoesNotContain("AddPasskeys", instructions, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pages_template_puts_the_credential_validator_in_the_namespace_given()
    {
        var directory = packages.NewAppDirectory("NamespaceOption");

        await packages.NewAsync(directory, "blazorcookieauth-pages", "--namespace", "Contoso.Shop");

        var validator = await File.ReadAllTextAsync(Path.Combine(directory, "Authentication", "CredentialValidator.cs"));
        Assert.Contains("namespace Contoso.Shop.Authentication;", validator, StringComparison.Ordinal);
    }

    /// <summary>
    /// Does to Program.cs what the printed steps say: a block under "Add to the top of Program.cs" goes first
    /// (with the app's namespace for MyApp), a block under <c>Add to Program.cs before "X":</c> goes before X.
    /// </summary>
    private static string ApplyProgramInstructions(string program, string instructions)
    {
        var steps = Step().Matches(instructions);
        Assert.True(steps.Count >= 4, "Expected the Program.cs steps in:\n" + instructions);
        foreach (Match step in steps)
        {
            var code = string.Join('\n', step.Groups["code"].Captures.Select(c => c.Value)) + "\n";
            if (step.Groups["anchor"].Success)
            {
                var anchor = step.Groups["anchor"].Value;
                var index = program.IndexOf(anchor, StringComparison.Ordinal);
                Assert.True(index >= 0, $"Program.cs has no '{anchor}':\n{program}");
                program = program.Insert(index, code + "\n");
            }
            else
            {
                program = code.Replace("MyApp", AppName, StringComparison.Ordinal) + program;
            }
        }

        return program;
    }

    [GeneratedRegex(@"dotnet add package (?<id>BlazorCookieAuth\S*) --version (?<version>\S+)")]
    private static partial Regex AddPackageLine();

    // A step header, a blank line, then the code indented by four spaces.
    [GeneratedRegex("""Add to (?:the top of Program\.cs[^\n]*|Program\.cs before "(?<anchor>[^"]+)"):\n\n(?:    (?<code>[^\n]*)\n)+""")]
    private static partial Regex Step();
}
