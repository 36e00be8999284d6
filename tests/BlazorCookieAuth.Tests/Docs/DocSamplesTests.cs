using System.Text.RegularExpressions;

namespace BlazorCookieAuth.Tests.Docs;

/// <summary>
/// Every C# block in docs/ is code that compiles: the text of a <c>#region</c> in docs/samples, which the solution
/// builds. The comment above each block names the region, <c>&lt;!-- sample: docs/samples/File.cs#region-name --&gt;</c>,
/// and the block must read exactly as the region does, its common indentation aside. The quick start's blocks in
/// docs/getting-started.md, under <c>&lt;!-- quickstart: action path --&gt;</c>, are whole files of an app instead:
/// the Templates tests' QuickStartTests writes them into a new app word for word and builds it.
/// </summary>
public sealed partial class DocSamplesTests
{
    public static TheoryData<string> Pages() => [.. DocsFolder.Pages()];

    [Theory]
    [MemberData(nameof(Pages))]
    public void Every_csharp_block_names_its_sample(string page)
    {
        var unmarked = CodeBlocks(page)
            .Where(block => block.Language == "csharp" && block.Sample is null && !block.IsQuickStartFile)
            .Select(block => $"{page}:{block.Line}")
            .ToList();

        Assert.True(unmarked.Count == 0,
            "These csharp blocks have no <!-- sample: docs/samples/File.cs#region-name --> comment on the line above them; " +
            "put their code in a #region of a file in docs/samples and name it there:\n" + string.Join('\n', unmarked));
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public void Every_csharp_block_reads_as_its_sample_region(string page)
    {
        var failures = new List<string>();
        foreach (var block in CodeBlocks(page).Where(block => block.Language == "csharp" && block.Sample is not null))
        {
            var (file, region) = block.Sample!.Value;
            if (!file.StartsWith("docs/samples/", StringComparison.Ordinal) || !file.EndsWith(".cs", StringComparison.Ordinal))
            {
                failures.Add($"{page}:{block.Line} names {file}, which is not a .cs file under docs/samples/, so the build doesn't compile it.");
                continue;
            }

            if (!File.Exists(Path.Combine(DocsFolder.RepositoryRoot, file)))
            {
                failures.Add($"{page}:{block.Line} names {file}, which doesn't exist.");
                continue;
            }

            var sample = RegionText(file, region, out var problem);
            if (sample is null)
            {
                failures.Add($"{page}:{block.Line}: {problem}");
                continue;
            }

            var text = DocsFolder.Dedent(block.Lines);
            var differing = Enumerable.Range(0, Math.Max(text.Count, sample.Count)).FirstOrDefault(i => i >= text.Count || i >= sample.Count || text[i] != sample[i], -1);
            if (differing >= 0)
            {
                failures.Add(
                    $"{page}:{block.Line} differs from {file}#{region} at its line {differing + 1}:\n" +
                    $"  page:   {(differing < text.Count ? text[differing] : "(ends)")}\n" +
                    $"  sample: {(differing < sample.Count ? sample[differing] : "(ends)")}\n" +
                    "Change the sample, let the build check it, then copy the region into the page.");
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public void Every_sample_comment_is_followed_by_a_csharp_block(string page)
    {
        var lines = DocsFolder.ReadLines(page);
        var orphans = Enumerable.Range(0, lines.Length)
            .Where(i => SampleComment().IsMatch(lines[i].Trim()) && (i + 1 >= lines.Length || lines[i + 1].Trim() != "```csharp"))
            .Select(i => $"{page}:{i + 1}")
            .ToList();

        Assert.True(orphans.Count == 0, "These sample comments are not on the line right above a ```csharp block:\n" + string.Join('\n', orphans));
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public void No_csharp_block_hides_under_another_fence_name(string page)
    {
        string[] otherNames = ["cs", "c#", "csharp-interactive", "C#", "CSharp", "CS"];
        var hidden = CodeBlocks(page)
            .Where(block => otherNames.Contains(block.Language, StringComparer.Ordinal))
            .Select(block => $"{page}:{block.Line} (```{block.Language})")
            .ToList();

        Assert.True(hidden.Count == 0, "Fence C# code as ```csharp, so that the build checks it:\n" + string.Join('\n', hidden));
    }

    [Fact]
    public void The_pages_have_csharp_blocks_to_check()
    {
        // A parser that found nothing would pass every test above.
        Assert.Contains(DocsFolder.Pages(), page => CodeBlocks(page).Any(block => block.Language == "csharp" && block.Sample is not null));
    }

    /// <summary>The fenced code blocks of a page, each with its info string, first line and the sample named above it.</summary>
    private static List<CodeBlock> CodeBlocks(string page)
    {
        var lines = DocsFolder.ReadLines(page);
        var blocks = new List<CodeBlock>();
        for (var i = 0; i < lines.Length; i++)
        {
            var fence = lines[i].Trim();
            if (!fence.StartsWith("```", StringComparison.Ordinal))
            {
                continue;
            }

            var end = i + 1;
            while (end < lines.Length && lines[end].Trim() != "```")
            {
                end++;
            }

            var comment = i > 0 ? SampleComment().Match(lines[i - 1].Trim()) : Match.Empty;
            var sample = comment.Success ? (comment.Groups["file"].Value, comment.Groups["region"].Value) : ((string, string)?)null;
            var isQuickStartFile = i > 0 && QuickStartComment().IsMatch(lines[i - 1].Trim());
            blocks.Add(new CodeBlock(fence[3..].Trim(), i + 1, lines[(i + 1)..Math.Min(end, lines.Length)], sample, isQuickStartFile));
            i = end;
        }

        return blocks;
    }

    /// <summary>The lines between <c>#region name</c> and its <c>#endregion</c>, dedented; null with the problem when there are none.</summary>
    private static IReadOnlyList<string>? RegionText(string file, string region, out string problem)
    {
        var lines = DocsFolder.ReadLines(file);
        var starts = Enumerable.Range(0, lines.Length).Where(i => lines[i].Trim() == "#region " + region).ToList();
        if (starts.Count != 1)
        {
            problem = $"{file} has {starts.Count} regions named '{region}'; it needs exactly one.";
            return null;
        }

        var end = Array.FindIndex(lines, starts[0] + 1, line => line.TrimStart().StartsWith("#region", StringComparison.Ordinal) || line.Trim() == "#endregion");
        if (end < 0 || lines[end].Trim() != "#endregion")
        {
            problem = $"{file}#{region} has no #endregion before the next #region; samples don't nest.";
            return null;
        }

        problem = string.Empty;
        return DocsFolder.Dedent(lines[(starts[0] + 1)..end]);
    }

    [GeneratedRegex(@"^<!-- sample: (?<file>[^#\s]+)#(?<region>[A-Za-z0-9_.-]+) -->$")]
    private static partial Regex SampleComment();

    /// <summary>The comment above a block of the quick start, which QuickStartTests applies to an app and builds.</summary>
    [GeneratedRegex(@"^<!-- quickstart: \S+ \S+ -->$")]
    private static partial Regex QuickStartComment();

    private sealed record CodeBlock(string Language, int Line, string[] Lines, (string File, string Region)? Sample, bool IsQuickStartFile);
}
