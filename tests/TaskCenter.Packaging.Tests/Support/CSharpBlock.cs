using System.Text.RegularExpressions;

namespace TaskCenter.Packaging.Tests.Support;

/// <summary>
/// A fenced C# block of the repository's Markdown: <c>```csharp</c> opens a whole program, which the tests compile as
/// the Program.cs of a console app on the packages; <c>```csharp fragment</c> opens a part of one, which they do not.
/// </summary>
/// <param name="File">The Markdown file, relative to the repository's root.</param>
/// <param name="Line">The line of the opening fence, from 1.</param>
/// <param name="Info">The fence's info string: <c>csharp</c> or <c>csharp fragment</c> (anything else is an error the tests report).</param>
/// <param name="Code">The lines between the fences.</param>
public sealed partial record CSharpBlock(string File, int Line, string Info, string Code)
{
    public const string Program = "csharp";

    public const string Fragment = "csharp fragment";

    /// <summary>The Markdown a user reads about the SDK: the README, every page of docs/, and each package's README.</summary>
    public static IEnumerable<string> MarkdownFiles() =>
        new[] { Repository.PathOf("README.md") }
            .Concat(Directory.EnumerateFiles(Repository.PathOf("docs"), "*.md", SearchOption.AllDirectories))
            .Concat(Directory.EnumerateDirectories(Repository.PathOf("src")).SelectMany(project => Directory.EnumerateFiles(project, "README.md")))
            .Select(path => Path.GetRelativePath(Repository.Root, path).Replace('\\', '/'))
            .Order(StringComparer.Ordinal);

    /// <summary>Every block whose info string names C# (<c>csharp</c>, <c>cs</c>, <c>c#</c>), in every Markdown file.</summary>
    public static IEnumerable<CSharpBlock> All() => MarkdownFiles().SelectMany(In);

    /// <summary>The block of <paramref name="file"/> whose opening fence is on <paramref name="line"/>.</summary>
    public static CSharpBlock At(string file, int line) => In(file).Single(block => block.Line == line);

    /// <summary>The C# blocks of one Markdown file, in order.</summary>
    public static IEnumerable<CSharpBlock> In(string file)
    {
        var lines = System.IO.File.ReadAllLines(Repository.PathOf(file));
        for (var i = 0; i < lines.Length; i++)
        {
            if (OpeningFence().Match(lines[i]) is not { Success: true } open)
            {
                continue;
            }

            var fence = open.Groups["fence"].Value;
            var end = i + 1;
            while (end < lines.Length && !IsClosing(lines[end], fence))
            {
                end++;
            }

            var info = open.Groups["info"].Value.Trim();
            if (CSharpNames.Contains(info.Split(' ')[0]))
            {
                yield return new CSharpBlock(file, i + 1, info, string.Join('\n', lines[(i + 1)..end]) + "\n");
            }

            i = end;
        }
    }

    private static readonly HashSet<string> CSharpNames = new(["csharp", "cs", "c#"], StringComparer.OrdinalIgnoreCase);

    private static bool IsClosing(string line, string fence)
    {
        var trimmed = line.Trim();
        return trimmed.Length >= fence.Length && trimmed.All(c => c == fence[0]);
    }

    // Three or more backticks or tildes, then the info string; indented too (a block in a list item).
    [GeneratedRegex(@"^\s*(?<fence>`{3,}|~{3,})(?<info>[^`]*)$")]
    private static partial Regex OpeningFence();
}
