using System.Text.RegularExpressions;
using TaskCenter.Packaging.Tests.Support;

namespace TaskCenter.Packaging.Tests;

/// <summary>The taskcenter tool installs from the package folder as docs/cli.md says, and runs.</summary>
[Collection(PackagesCollection.Name)]
public sealed class ToolPackageTests(LocalFeed feed)
{
    [Fact]
    public async Task The_tool_installs_from_the_folder_and_reports_the_package_version()
    {
        var toolPath = feed.NewDirectory("tool");

        await Command.RunAsync(
            "dotnet",
            ["tool", "install", LocalFeed.ToolId, "--tool-path", toolPath, "--version", feed.Version, "--configfile", feed.NuGetConfig],
            feed.Root,
            TimeSpan.FromMinutes(2));
        var version = await Command.RunAsync(Path.Combine(toolPath, "taskcenter"), ["--version"], toolPath, TimeSpan.FromMinutes(1));

        // The version, and the commit it was built from when it was built in a git checkout.
        Assert.Matches($@"^{Regex.Escape(feed.Version)}(\+[0-9a-f]{{40}})?$", version.Trim());
    }
}
