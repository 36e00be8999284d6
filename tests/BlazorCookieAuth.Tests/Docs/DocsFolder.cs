namespace BlazorCookieAuth.Tests.Docs;

/// <summary>The repository's docs/ folder, read as the tests of the documentation need it.</summary>
internal static class DocsFolder
{
    /// <summary>The repository root: the folder above the test's output that holds BlazorCookieAuth.sln.</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>The docs/ folder.</summary>
    public static string Root => Path.Combine(RepositoryRoot, "docs");

    /// <summary>
    /// Every Markdown page under docs/, as paths relative to the repository root with forward slashes; the build
    /// output of docs/samples aside.
    /// </summary>
    public static IEnumerable<string> Pages() =>
        Directory.EnumerateFiles(Root, "*.md", SearchOption.AllDirectories)
            .Select(RelativePath)
            .Where(path => !path.Contains("/bin/", StringComparison.Ordinal) && !path.Contains("/obj/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);

    /// <summary>The lines of a file given relative to the repository root, without line-end characters.</summary>
    public static string[] ReadLines(string relativePath) =>
        File.ReadAllText(Path.Combine(RepositoryRoot, relativePath)).ReplaceLineEndings("\n").Split('\n');

    /// <summary>The text of a page given relative to the repository root.</summary>
    public static string ReadText(string relativePath) => File.ReadAllText(Path.Combine(RepositoryRoot, relativePath));

    /// <summary>A path relative to the repository root, with forward slashes, as the pages write them.</summary>
    public static string RelativePath(string fullPath) =>
        Path.GetRelativePath(RepositoryRoot, fullPath).Replace(Path.DirectorySeparatorChar, '/');

    /// <summary>
    /// <paramref name="lines"/> without the leading white space they all share (blank lines aside), and without
    /// trailing white space, which a reader can't see.
    /// </summary>
    public static IReadOnlyList<string> Dedent(IEnumerable<string> lines)
    {
        var trimmed = lines.Select(line => line.TrimEnd()).ToList();
        var indent = trimmed.Where(line => line.Length > 0).Select(line => line.Length - line.TrimStart().Length).DefaultIfEmpty(0).Min();
        return trimmed.Select(line => line.Length == 0 ? line : line[indent..]).ToList();
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "BlazorCookieAuth.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No BlazorCookieAuth.sln above {AppContext.BaseDirectory}.");
    }
}
