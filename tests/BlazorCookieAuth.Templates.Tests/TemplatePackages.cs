using System.Globalization;
using BlazorCookieAuth.Tests.Shared;

namespace BlazorCookieAuth.Templates.Tests;

/// <summary>
/// Packs every package under src/ once per test run, under a version of their own, into a local feed (each library
/// with its .snupkg beside it), and installs the template package into a private template hive. Everything lives in
/// one temp folder outside the repository, so generated apps inherit none of the repository's build settings.
/// </summary>
public sealed class TemplatePackages : IAsyncLifetime
{
    /// <summary>The template package's id.</summary>
    public const string TemplatesId = "BlazorCookieAuth.Templates";

    /// <summary>
    /// The id of every package under src/, each packed from the folder of the same name, in the order they are
    /// packed: a package comes after the ones it depends on.
    /// </summary>
    public static IReadOnlyList<string> PackageIds { get; } =
    [
        "BlazorCookieAuth.Components",
        "BlazorCookieAuth",
        "BlazorCookieAuth.EntityFrameworkCore",
        "BlazorCookieAuth.Redis",
        "BlazorCookieAuth.Passkeys",
        "BlazorCookieAuth.Passkeys.EntityFrameworkCore",
        "BlazorCookieAuth.Testing",
        TemplatesId,
    ];

    /// <summary>The package version of this run: the kit packages and the templates are packed with it.</summary>
    public string Version { get; } = "1.0.0-t" + DateTime.UtcNow.ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture);

    /// <summary>The temp folder of this run.</summary>
    public string Root { get; } = Path.Combine(Path.GetTempPath(), "blazorcookieauth-templates-" + Guid.NewGuid().ToString("N"));

    /// <summary>The local NuGet feed holding the packed kit packages and templates.</summary>
    public string Feed => Path.Combine(Root, "feed");

    /// <summary>The repository's root folder, where the README is.</summary>
    public string Repository { get; } = RepositoryFolder.Root;

    /// <summary>The private template hive, passed to every <c>dotnet new</c> as <c>--debug:custom-hive</c>.</summary>
    public string Hive => Path.Combine(Root, "hive");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Root);
        // Empty props files stop MSBuild from looking further up for settings to inherit.
        await File.WriteAllTextAsync(Path.Combine(Root, "Directory.Build.props"), "<Project />\n");
        await File.WriteAllTextAsync(Path.Combine(Root, "Directory.Build.targets"), "<Project />\n");
        await File.WriteAllTextAsync(Path.Combine(Root, "Directory.Packages.props"), "<Project />\n");

        var repository = Repository;
        var artifacts = Path.Combine(Root, "artifacts");
        foreach (var id in PackageIds)
        {
            // --artifacts-path keeps this build's obj/ and bin/ out of the working tree.
            await DotnetCli.RunAsync(
                repository,
                "pack", Path.Combine("src", id), "-c", "Release", "-p:Version=" + Version, "--artifacts-path", artifacts, "-o", Feed);
        }

        await NewAsync(Root, "install", PackagePath(TemplatesId));
    }

    /// <summary>Where the package <paramref name="id"/> of this run is in the feed.</summary>
    public string PackagePath(string id) => Path.Combine(Feed, $"{id}.{Version}.nupkg");

    /// <summary>Where the symbols package of <paramref name="id"/> of this run is in the feed.</summary>
    public string SymbolsPackagePath(string id) => Path.Combine(Feed, $"{id}.{Version}.snupkg");

    public Task DisposeAsync()
    {
        Directory.Delete(Root, recursive: true);
        return Task.CompletedTask;
    }

    /// <summary>A new empty folder for one generated app.</summary>
    public string NewAppDirectory(string name)
    {
        var directory = Path.Combine(Root, "apps", name);
        Directory.CreateDirectory(directory);
        return directory;
    }

    /// <summary>Runs <c>dotnet new</c> with the private hive and returns what it printed.</summary>
    public Task<string> NewAsync(string workingDirectory, params string[] arguments) =>
        DotnetCli.RunAsync(workingDirectory, ["new", .. arguments, "--debug:custom-hive", Hive]);

    /// <summary>Builds an app against the local feed, with every warning an error unless told otherwise.</summary>
    public Task BuildAsync(string appDirectory, bool treatWarningsAsErrors = true) =>
        DotnetCli.RunAsync(
            appDirectory,
            "build", "-p:TreatWarningsAsErrors=" + (treatWarningsAsErrors ? "true" : "false"), "-p:RestoreAdditionalProjectSources=" + Feed);
}

/// <summary>The tests that share one pack and install; they run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class SharedTemplatePackages : ICollectionFixture<TemplatePackages>
{
    public const string Name = "Template packages";
}
