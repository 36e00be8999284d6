using System.Text.RegularExpressions;

namespace BlazorCookieAuth.Tests.Docs;

/// <summary>
/// The links between the pages in docs/, the README and CONTRIBUTING.md reach their page and heading, the repository
/// paths the pages name exist, and so do the tests they cite as proof (<c>`tests/.../SomeTests.cs` → `Test_name`,
/// `Other_test`</c>), so a renamed file, heading or test can't leave a page behind.
/// </summary>
public sealed partial class DocReferencesTests
{
    public static TheoryData<string> Pages() => [.. DocsFolder.Pages()];

    /// <summary>
    /// The pages in docs/, and the README and CONTRIBUTING.md at the root, which link into them. The root pages name
    /// files that a run makes (the demo's databases, the browser tests' screenshots), so only their links and cited
    /// tests are checked.
    /// </summary>
    public static TheoryData<string> PagesAndRootPages() => [.. DocsFolder.Pages(), "README.md", "CONTRIBUTING.md"];

    [Theory]
    [MemberData(nameof(PagesAndRootPages))]
    public void Every_relative_link_reaches_its_file_and_heading(string page)
    {
        var broken = new List<string>();
        var lines = DocsFolder.ReadLines(page);
        foreach (var (line, number) in OutsideCodeBlocks(lines))
        {
            foreach (Match link in RelativeLink().Matches(line))
            {
                var target = link.Groups["path"].Value.Length == 0
                    ? Path.Combine(DocsFolder.RepositoryRoot, page)
                    : Path.GetFullPath(Path.Combine(DocsFolder.RepositoryRoot, Path.GetDirectoryName(page)!, link.Groups["path"].Value));
                var anchor = link.Groups["anchor"].Value;
                if (!File.Exists(target) && !Directory.Exists(target))
                {
                    broken.Add($"{page}:{number} links to {link.Value[2..^1]}, which doesn't exist");
                }
                else if (anchor.Length > 0 && target.EndsWith(".md", StringComparison.Ordinal) && !Anchors(target).Contains(anchor))
                {
                    broken.Add($"{page}:{number} links to {link.Value[2..^1]}, whose page has no such heading");
                }
            }
        }

        Assert.True(broken.Count == 0, string.Join('\n', broken));
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public void Every_repository_path_a_page_names_exists(string page)
    {
        var missing = DocsFolder.ReadLines(page)
            .SelectMany((line, i) => RepositoryPath().Matches(line).Select(match => (Line: i + 1, Path: match.Groups["path"].Value)))
            .Where(reference => !File.Exists(Path.Combine(DocsFolder.RepositoryRoot, reference.Path))
                && !Directory.Exists(Path.Combine(DocsFolder.RepositoryRoot, reference.Path)))
            .Select(reference => $"{page}:{reference.Line} names {reference.Path}")
            .ToList();

        Assert.True(missing.Count == 0, "These paths don't exist:\n" + string.Join('\n', missing));
    }

    [Theory]
    [MemberData(nameof(PagesAndRootPages))]
    public void Every_test_a_page_cites_exists_in_the_file_it_names(string page)
    {
        var missing = new List<string>();
        var lines = DocsFolder.ReadLines(page);
        for (var i = 0; i < lines.Length; i++)
        {
            foreach (Match citation in TestCitation().Matches(lines[i]))
            {
                var file = Path.Combine(DocsFolder.RepositoryRoot, citation.Groups["file"].Value);
                var source = File.Exists(file) ? File.ReadAllText(file) : string.Empty;
                missing.AddRange(citation.Groups["test"].Captures
                    .Select(capture => capture.Value)
                    .Where(test => !Regex.IsMatch(source, $@"\b{Regex.Escape(test)}\s*\("))
                    .Select(test => $"{page}:{i + 1} cites {test} in {citation.Groups["file"].Value}"));
            }
        }

        Assert.True(missing.Count == 0, "These tests don't exist where the page says:\n" + string.Join('\n', missing));
    }

    /// <summary>The lines of a page outside its fenced code blocks, with their numbers.</summary>
    private static IEnumerable<(string Line, int Number)> OutsideCodeBlocks(string[] lines)
    {
        var inBlock = false;
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                inBlock = !inBlock;
            }
            else if (!inBlock)
            {
                yield return (lines[i], i + 1);
            }
        }
    }

    /// <summary>The anchors GitHub gives a page's headings: lower case, punctuation dropped, spaces as hyphens, repeats numbered.</summary>
    private static HashSet<string> Anchors(string fullPath)
    {
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (line, _) in OutsideCodeBlocks(File.ReadAllText(fullPath).ReplaceLineEndings("\n").Split('\n')))
        {
            var heading = Heading().Match(line);
            if (!heading.Success)
            {
                continue;
            }

            var slug = NotInAnchor().Replace(heading.Groups["text"].Value.Trim().ToLowerInvariant(), string.Empty).Replace(' ', '-');
            var count = seen.GetValueOrDefault(slug);
            seen[slug] = count + 1;
            anchors.Add(count == 0 ? slug : $"{slug}-{count}");
        }

        return anchors;
    }

    /// <summary>A Markdown link to a file of the repository or a heading, such as <c>](getting-started.md#7-deploy-the-pair)</c>.</summary>
    [GeneratedRegex(@"\]\((?!https?:|mailto:)(?<path>[^)#\s]*)(?:#(?<anchor>[^)\s]+))?\)")]
    private static partial Regex RelativeLink();

    [GeneratedRegex(@"^#{1,6} (?<text>.+)$")]
    private static partial Regex Heading();

    [GeneratedRegex(@"[^\w\- ]")]
    private static partial Regex NotInAnchor();

    /// <summary>A path in backticks under one of the repository's code folders, such as <c>`bench/load/security.sh`</c>.</summary>
    [GeneratedRegex(@"`(?<path>(?:tests|src|demo|bench|docs)/[A-Za-z0-9_./-]+)`")]
    private static partial Regex RepositoryPath();

    /// <summary><c>`tests/X.cs` → `A`, `B` (30,000), `C`</c>: the tests named after a test file, each perhaps with a count.</summary>
    [GeneratedRegex(@"`(?<file>tests/[^`]+\.cs)` → (?:`(?<test>[A-Za-z_][A-Za-z0-9_]*)`(?: \([\d,]+\))?(?:, )?)+")]
    private static partial Regex TestCitation();
}
