using System.IO.Compression;
using System.Xml.Linq;

namespace TaskCenter.Packaging.Tests.Support;

/// <summary>A package of the local feed, read as NuGet reads it: its manifest (.nuspec) and the paths of its files.</summary>
public sealed class Nupkg
{
    private Nupkg(string path, XElement metadata, IReadOnlyList<string> files)
    {
        Path = path;
        Metadata = metadata;
        Files = files;
    }

    public string Path { get; }

    /// <summary>The nuspec's &lt;metadata&gt; element.</summary>
    public XElement Metadata { get; }

    /// <summary>The paths of the files in the package, with '/' between folders.</summary>
    public IReadOnlyList<string> Files { get; }

    public string Version => Value("version")!;

    /// <summary>The text of a metadata element, or <see langword="null"/> when the manifest has none.</summary>
    public string? Value(string element) => Element(element)?.Value;

    public XElement? Element(string element) => Metadata.Element(Metadata.Name.Namespace + element);

    /// <summary>The package of <paramref name="id"/> in the feed (.nupkg), or its symbols (.snupkg).</summary>
    public static Nupkg Open(LocalFeed feed, string id, bool symbols = false)
    {
        var extension = symbols ? "snupkg" : "nupkg";
        var path = Directory.GetFiles(feed.Folder, $"{id}.*.{extension}")
            .Single(file => char.IsAsciiDigit(System.IO.Path.GetFileName(file)[(id.Length + 1)..][0]));
        using var archive = ZipFile.OpenRead(path);
        var nuspec = archive.Entries.Single(entry => entry.FullName == $"{id}.nuspec");
        using var stream = nuspec.Open();
        var root = XDocument.Load(stream).Root!;
        return new Nupkg(path, root.Element(root.Name.Namespace + "metadata")!, [.. archive.Entries.Select(entry => entry.FullName)]);
    }
}
