using System.IO.Compression;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Xml.Linq;

namespace BlazorCookieAuth.Templates.Tests;

/// <summary>
/// What a NuGet user sees of each package under src/, read from the .nupkg and .snupkg files the fixture packed: the
/// page (readme, license, tags, description), IntelliSense docs, a debugger's symbols and sources, and dependencies.
/// </summary>
[Collection(SharedTemplatePackages.Name)]
public sealed class PackageTests(TemplatePackages packages)
{
    // Portable PDB custom debug information of kind "embedded source".
    private static readonly Guid EmbeddedSource = new("0E8A571B-6926-466E-B4AD-8AB04611F5FE");

    public static TheoryData<string> AllPackages => new(TemplatePackages.PackageIds);

    public static TheoryData<string> LibraryPackages => new(TemplatePackages.PackageIds.Where(id => id != TemplatePackages.TemplatesId));

    [Fact]
    public void Every_project_under_src_is_packed_but_the_analyzers_which_travel_inside_BlazorCookieAuth()
    {
        // The projects directly under src/; the template package's content holds projects of its own, and src/Shared
        // holds source that two packages compile in, not a project.
        var packable = Directory.GetDirectories(Path.Combine(packages.Repository, "src"))
            .Where(folder => Path.GetFileName(folder) != "Shared")
            .Select(folder => Path.Combine(folder, Path.GetFileName(folder) + ".csproj"))
            .Where(project => !File.ReadAllText(project).Contains("<IsPackable>false</IsPackable>", StringComparison.Ordinal))
            .Select(Path.GetFileNameWithoutExtension)
            .Order(StringComparer.Ordinal);

        Assert.Equal(TemplatePackages.PackageIds.Order(StringComparer.Ordinal), packable);
        using var kit = ZipFile.OpenRead(packages.PackagePath("BlazorCookieAuth"));
        Assert.NotNull(kit.GetEntry("analyzers/dotnet/cs/BlazorCookieAuth.Analyzers.dll"));
    }

    [Theory]
    [MemberData(nameof(AllPackages))]
    public void The_package_page_has_a_readme_of_its_own_the_MIT_license_tags_and_a_description(string id)
    {
        using var package = ZipFile.OpenRead(packages.PackagePath(id));
        var metadata = Metadata(package, id);

        var readmePath = Single(metadata, "readme").Value;
        var readme = Assert.Single(package.Entries, e => e.FullName == readmePath);
        using (var reader = new StreamReader(readme.Open()))
        {
            Assert.Equal("# " + id, reader.ReadLine());
        }

        var license = Single(metadata, "license");
        Assert.Equal("expression", license.Attribute("type")?.Value);
        Assert.Equal("MIT", license.Value);
        Assert.NotEmpty(Single(metadata, "authors").Value);
        Assert.NotEmpty(Single(metadata, "tags").Value.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        var description = Single(metadata, "description").Value;
        Assert.False(string.IsNullOrWhiteSpace(description));
        Assert.NotEqual("Package Description", description);
    }

    [Fact]
    public void No_two_packages_share_a_description()
    {
        var descriptions = TemplatePackages.PackageIds.Select(id =>
        {
            using var package = ZipFile.OpenRead(packages.PackagePath(id));
            return Single(Metadata(package, id), "description").Value;
        });

        Assert.Equal(TemplatePackages.PackageIds.Count, descriptions.Distinct(StringComparer.Ordinal).Count());
    }

    [Theory]
    [MemberData(nameof(LibraryPackages))]
    public void Each_library_has_its_xml_docs_beside_it_and_a_deterministic_build(string id)
    {
        using var package = ZipFile.OpenRead(packages.PackagePath(id));
        var libraries = Libraries(package);

        Assert.NotEmpty(libraries);
        foreach (var library in libraries)
        {
            Assert.NotNull(package.GetEntry(Path.ChangeExtension(library.FullName, ".xml")));
            using var pe = new PEReader(Read(library));
            Assert.Contains(pe.ReadDebugDirectory(), entry => entry.Type == DebugDirectoryEntryType.Reproducible);
        }
    }

    [Theory]
    [MemberData(nameof(LibraryPackages))]
    public void Each_library_has_a_symbols_package_with_its_pdb_and_every_source_embedded(string id)
    {
        using var package = ZipFile.OpenRead(packages.PackagePath(id));
        using var symbols = ZipFile.OpenRead(packages.SymbolsPackagePath(id));

        foreach (var library in Libraries(package))
        {
            var pdbPath = Path.ChangeExtension(library.FullName, ".pdb");
            var pdb = symbols.GetEntry(pdbPath);
            Assert.True(pdb is not null, $"{id}'s .snupkg has no {pdbPath}.");

            using var pe = new PEReader(Read(library));
            var codeView = pe.ReadCodeViewDebugDirectoryData(
                pe.ReadDebugDirectory().Single(entry => entry.Type == DebugDirectoryEntryType.CodeView));
            using var pdbProvider = MetadataReaderProvider.FromPortablePdbStream(Read(pdb));
            var reader = pdbProvider.GetMetadataReader();

            // The debugger (and a symbol server) pairs a dll with its pdb by this id.
            Assert.Equal(codeView.Guid, new BlobContentId(reader.DebugMetadataHeader!.Id).Guid);
            Assert.NotEmpty(reader.Documents);
            var notEmbedded = reader.Documents
                .Where(document => !reader.GetCustomDebugInformation(document)
                    .Any(handle => reader.GetGuid(reader.GetCustomDebugInformation(handle).Kind) == EmbeddedSource))
                .Select(document => reader.GetString(reader.GetDocument(document).Name))
                .ToList();
            Assert.True(notEmbedded.Count == 0, $"{pdbPath} of {id} doesn't embed: {string.Join(", ", notEmbedded)}");
        }
    }

    [Fact]
    public void The_template_package_holds_templates_only_with_no_symbols_package()
    {
        using var package = ZipFile.OpenRead(packages.PackagePath(TemplatePackages.TemplatesId));
        var metadata = Metadata(package, TemplatePackages.TemplatesId);

        Assert.Equal("Template", Single(Single(metadata, "packageTypes"), "packageType").Attribute("name")?.Value);
        Assert.Empty(Libraries(package));
        Assert.Contains(package.Entries, e => e.FullName.EndsWith(".template.config/template.json", StringComparison.Ordinal));
        Assert.False(File.Exists(packages.SymbolsPackagePath(TemplatePackages.TemplatesId)));
    }

    [Theory]
    [InlineData("BlazorCookieAuth", "BlazorCookieAuth.Components")]
    [InlineData("BlazorCookieAuth.EntityFrameworkCore", "BlazorCookieAuth")]
    [InlineData("BlazorCookieAuth.Redis", "BlazorCookieAuth")]
    [InlineData("BlazorCookieAuth.Passkeys", "BlazorCookieAuth")]
    [InlineData("BlazorCookieAuth.Passkeys.EntityFrameworkCore", "BlazorCookieAuth.Passkeys")]
    [InlineData("BlazorCookieAuth.Passkeys.EntityFrameworkCore", "BlazorCookieAuth.EntityFrameworkCore")]
    [InlineData("BlazorCookieAuth.Testing", "BlazorCookieAuth")]
    public void A_package_depends_on_the_kit_package_of_its_own_version(string id, string dependency)
    {
        using var package = ZipFile.OpenRead(packages.PackagePath(id));
        var dependencies = Single(Metadata(package, id), "dependencies")
            .Descendants().Where(e => e.Name.LocalName == "dependency")
            .ToDictionary(e => e.Attribute("id")!.Value, e => e.Attribute("version")!.Value, StringComparer.Ordinal);

        Assert.Equal(packages.Version, dependencies[dependency]);
        // The analyzers are packed inside BlazorCookieAuth; no package of that name exists to depend on.
        Assert.DoesNotContain("BlazorCookieAuth.Analyzers", dependencies.Keys);
    }

    [Fact]
    public void The_passkeys_package_carries_its_script_and_initializer_as_static_web_assets()
    {
        using var package = ZipFile.OpenRead(packages.PackagePath("BlazorCookieAuth.Passkeys"));

        var script = Assert.Single(package.Entries, e => e.FullName == "staticwebassets/passkeys.js");
        using (var reader = new StreamReader(script.Open()))
        {
            Assert.Equal(File.ReadAllText(Path.Combine(packages.Repository, "src/BlazorCookieAuth.Passkeys/wwwroot/passkeys.js")), reader.ReadToEnd());
        }

        Assert.Single(package.Entries, e => e.FullName.StartsWith("staticwebassets/BlazorCookieAuth.Passkeys.", StringComparison.Ordinal) && e.FullName.EndsWith(".lib.module.js", StringComparison.Ordinal));
        Assert.NotNull(package.GetEntry("build/Microsoft.AspNetCore.StaticWebAssets.props"));
    }

    private static XElement Metadata(ZipArchive package, string id)
    {
        using var stream = Assert.Single(package.Entries, e => e.FullName == id + ".nuspec").Open();
        return Single(XDocument.Load(stream).Root!, "metadata");
    }

    /// <summary>The one child of <paramref name="parent"/> with this local name, whatever the nuspec's schema namespace.</summary>
    private static XElement Single(XElement parent, string name) => Assert.Single(parent.Elements(), e => e.Name.LocalName == name);

    private static List<ZipArchiveEntry> Libraries(ZipArchive package) =>
        package.Entries.Where(e => e.FullName.StartsWith("lib/", StringComparison.Ordinal) && e.FullName.EndsWith(".dll", StringComparison.Ordinal)).ToList();

    /// <summary>A seekable copy of an entry, as the PE and PDB readers need.</summary>
    private static MemoryStream Read(ZipArchiveEntry entry)
    {
        var copy = new MemoryStream();
        using (var stream = entry.Open())
        {
            stream.CopyTo(copy);
        }

        copy.Position = 0;
        return copy;
    }
}
