namespace BlazorCookieAuth.Templates.Tests;

/// <summary>The packed kit added to a fresh <c>dotnet new blazor</c> app, the way a newcomer adds it.</summary>
[Collection(SharedTemplatePackages.Name)]
public sealed class FreshAppTests(TemplatePackages packages)
{
    [Fact]
    public async Task A_page_that_uses_RequireLogin_without_its_using_fails_to_build_naming_the_using()
    {
        const string AppName = "ForgotUsing";
        var directory = packages.NewAppDirectory(AppName);
        await packages.NewAsync(directory, "blazor", "--name", AppName, "--output", directory, "--interactivity", "Server", "--no-restore");
        await DotnetCli.RunAsync(directory, "add", "package", "BlazorCookieAuth", "--version", packages.Version, "--no-restore");
        await File.WriteAllTextAsync(Path.Combine(directory, "Components", "Pages", "Secret.razor"), """
            @page "/secret"

            <RequireLogin>
                <p>The launch codes</p>
            </RequireLogin>
            """);

        // Razor alone only warns (RZ10012) and renders the tag as HTML, showing the content to everyone.
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => packages.BuildAsync(directory, treatWarningsAsErrors: false));

        Assert.Contains(
            "error BCA1001: Components/Pages/Secret.razor: <RequireLogin> is a plain HTML element here, not the BlazorCookieAuth component, " +
            "so its content is shown to everyone, logged in or not. Add @using BlazorCookieAuth.Components to _Imports.razor.",
            failure.Message,
            StringComparison.Ordinal);

        // With the @using, the same page builds without a warning.
        var imports = Path.Combine(directory, "Components", "_Imports.razor");
        await File.AppendAllTextAsync(imports, "@using BlazorCookieAuth.Components\n");
        await packages.BuildAsync(directory);
    }
}
