using System.Collections;
using System.Reflection;
using System.Text.RegularExpressions;

namespace BlazorCookieAuth.Tests.Docs;

/// <summary>
/// docs/configuration.md has a table row for every public option of every package: each settable public property of
/// each public <c>*Options</c> class, inherited ones included, and each collection an option exposes to fill.
/// </summary>
public sealed partial class ConfigurationReferenceTests
{
    private const string Page = "docs/configuration.md";

    public static TheoryData<string> OptionsTypes() => [.. OptionsClasses().Select(type => type.FullName!)];

    [Theory]
    [MemberData(nameof(OptionsTypes))]
    public void Every_public_option_has_a_row_in_the_configuration_reference(string typeName)
    {
        var type = OptionsClasses().Single(t => t.FullName == typeName);
        var page = DocsFolder.ReadLines(Page);
        var missing = Options(type)
            .Where(name => !page.Any(line => line.StartsWith($"| `{name}`", StringComparison.Ordinal)))
            .ToList();

        Assert.True(missing.Count == 0,
            $"{Page} has no table row starting with | `Name` for these options of {type.Name}; add one with the default and what it does:\n" +
            string.Join('\n', missing));
    }

    [Fact]
    public void Every_public_options_class_in_src_is_checked()
    {
        // A new options class in a package these tests don't reflect over would otherwise go unchecked.
        var src = Path.Combine(DocsFolder.RepositoryRoot, "src");
        var declared = Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories)
            .Where(file => !IsBuildOutputOrTemplate(DocsFolder.RelativePath(file)))
            .SelectMany(file => PublicOptionsClass().Matches(File.ReadAllText(file)).Select(match => match.Groups["name"].Value))
            .Distinct()
            .ToList();
        var checkedNames = OptionsClasses().Select(type => type.Name).ToList();

        Assert.NotEmpty(declared);
        Assert.True(declared.All(checkedNames.Contains),
            "These public options classes in src/ are not among the types this test reflects over; add their assembly to KitAssemblies: " +
            string.Join(", ", declared.Except(checkedNames)));
    }

    /// <summary>The public options classes of the kit's packages.</summary>
    private static IEnumerable<Type> OptionsClasses() =>
        KitAssemblies.All.SelectMany(assembly => assembly.GetExportedTypes())
            .Where(type => type.IsClass && type.Name.EndsWith("Options", StringComparison.Ordinal))
            .OrderBy(type => type.FullName, StringComparer.Ordinal);

    /// <summary>A type's options: public instance properties with a public setter, or a collection to fill.</summary>
    private static IEnumerable<string> Options(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(property => property.SetMethod?.IsPublic == true || IsFillableCollection(property.PropertyType))
            .Select(property => property.Name)
            .Distinct();

    private static bool IsFillableCollection(Type type) =>
        type != typeof(string) && typeof(IEnumerable).IsAssignableFrom(type)
        && type.GetInterfaces().Append(type).Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(ICollection<>));

    private static bool IsBuildOutputOrTemplate(string path) =>
        path.Contains("/bin/", StringComparison.Ordinal) || path.Contains("/obj/", StringComparison.Ordinal)
        || path.StartsWith("src/BlazorCookieAuth.Templates/", StringComparison.Ordinal);

    [GeneratedRegex(@"\bpublic\s+(?:sealed\s+|partial\s+|abstract\s+)*class\s+(?<name>\w+Options)\b")]
    private static partial Regex PublicOptionsClass();
}
