using BlazorCookieAuth.Demo.Tests.TestHost;
using BlazorCookieAuth.Tests.Shared;

namespace BlazorCookieAuth.Demo.Tests;

/// <summary>
/// What the demo and a new app have in common exists once, in the templates, and the demo's project files link it:
/// a copy in the demo would drift from the template's file, as the login page and the user store once did.
/// </summary>
public sealed class DemoSourcesTests
{
    private const string DemoFolder = "demo";
    private const string TemplatesFolder = "src/BlazorCookieAuth.Templates/content";

    [Fact]
    public void No_demo_file_is_a_copy_of_a_template_file()
    {
        var templateFiles = FilesUnder(TemplatesFolder).ToLookup(file => new FileInfo(file).Length);

        var copies =
            from demoFile in FilesUnder(DemoFolder)
            let contents = File.ReadAllBytes(demoFile)
            from templateFile in templateFiles[contents.Length]
            where File.ReadAllBytes(templateFile).AsSpan().SequenceEqual(contents)
            select $"{Relative(demoFile)} is a copy of {Relative(templateFile)}";

        Assert.Empty(copies);
    }

    [Fact]
    public async Task The_demo_serves_the_project_templates_stylesheet()
    {
        using var demo = new DemoAppFactory();
        using var client = demo.CreateBrowserLikeClient();

        var served = await client.GetByteArrayAsync(new Uri("/app.css", UriKind.Relative));

        Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(RepositoryFolder.Root, TemplatesFolder, "BlazorCookieAuthApp/BlazorCookieAuthApp/wwwroot/app.css")), served);
    }

    private static IEnumerable<string> FilesUnder(string folder) =>
        Directory.EnumerateFiles(Path.Combine(RepositoryFolder.Root, folder), "*", SearchOption.AllDirectories)
            .Where(file => !Relative(file).Split('/').Any(part => part is "bin" or "obj"));

    private static string Relative(string path) =>
        Path.GetRelativePath(RepositoryFolder.Root, path).Replace(Path.DirectorySeparatorChar, '/');
}
