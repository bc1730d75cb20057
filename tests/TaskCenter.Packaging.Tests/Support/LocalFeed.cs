using System.Security;
using System.Text.RegularExpressions;

namespace TaskCenter.Packaging.Tests.Support;

/// <summary>
/// The packages as <c>scripts/pack.sh</c> makes them, packed once per test run into a temporary folder outside the
/// repository, and beside it the NuGet.config a user of that folder writes: TaskCenter's packages from the folder, every
/// other package from the machine's own sources. Apps made in <see cref="NewDirectory"/> pick that config up (and no
/// Directory.Build.props of the repository); they restore into a package cache of their own, so a package under test
/// is never taken from, or left in, the machine's cache.
/// </summary>
public sealed partial class LocalFeed : IAsyncLifetime
{
    /// <summary>The SDK's packages: what an app references.</summary>
    public static readonly IReadOnlyList<string> LibraryIds = ["TaskCenter.Client", "TaskCenter.Client.RabbitMq", "TaskCenter.Client.AspNetCore"];

    public const string ToolId = "TaskCenter.Cli";

    public static readonly IReadOnlyList<string> PackageIds = [.. LibraryIds, ToolId];

    private static readonly TimeSpan PackTimeout = TimeSpan.FromMinutes(10);

    /// <summary>The temporary folder holding the package folder, the NuGet.config and the apps.</summary>
    public string Root { get; } = TempDirectory.Create("taskcenter-packages");

    /// <summary>The folder the packages are in: the local package source.</summary>
    public string Folder => Path.Combine(Root, "packages");

    public string NuGetConfig => Path.Combine(Root, "NuGet.config");

    /// <summary>The version every package carries.</summary>
    public string Version { get; private set; } = "";

    public async Task InitializeAsync()
    {
        // Build servers would outlive the command holding its output open.
        await Command.RunAsync("bash", [Repository.PathOf("scripts/pack.sh"), Folder, "--disable-build-servers"], Repository.Root, PackTimeout);
        Version = Nupkg.Open(this, "TaskCenter.Client").Version;

        var sources = await MachinePackageSourcesAsync();
        await File.WriteAllTextAsync(NuGetConfig, NuGetConfigText(sources));
        // A Directory.Build.props of the apps' own ends MSBuild's search for one in the folders above.
        await File.WriteAllTextAsync(Path.Combine(Root, "Directory.Build.props"), "<Project />\n");
    }

    public Task DisposeAsync()
    {
        TempDirectory.Delete(Root);
        return Task.CompletedTask;
    }

    /// <summary>A new empty folder below <see cref="Root"/>.</summary>
    public string NewDirectory(string name) => Directory.CreateDirectory(Path.Combine(Root, "apps", $"{name}-{Guid.NewGuid():N}")).FullName;

    /// <summary>The enabled package sources of this machine's NuGet configuration (name and address), before ours exists.</summary>
    private async Task<IReadOnlyList<(string Name, string Address)>> MachinePackageSourcesAsync()
    {
        var listing = await Command.RunAsync("dotnet", ["nuget", "list", "source", "--format", "detailed"], Root, TimeSpan.FromMinutes(1));
        return [.. SourceListing().Matches(listing)
            .Where(match => match.Groups["state"].Value == "Enabled")
            .Select(match => (match.Groups["name"].Value, match.Groups["address"].Value.Trim()))];
    }

    private string NuGetConfigText(IReadOnlyList<(string Name, string Address)> machineSources)
    {
        var sources = string.Concat(machineSources.Select(source => $"""
                <add key="{Xml(source.Name)}" value="{Xml(source.Address)}" />

            """));
        var mappings = string.Concat(machineSources.Select(source => $"""
                <packageSource key="{Xml(source.Name)}"><package pattern="*" /></packageSource>

            """));
        return $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <config>
                <add key="globalPackagesFolder" value="package-cache" />
              </config>
              <packageSources>
                <clear />
                <add key="taskcenter-local" value="{Xml(Folder)}" />
            {sources}  </packageSources>
              <packageSourceMapping>
                <packageSource key="taskcenter-local"><package pattern="TaskCenter.*" /></packageSource>
            {mappings}  </packageSourceMapping>
            </configuration>

            """;
    }

    private static string Xml(string text) => SecurityElement.Escape(text);

    // "  1.  nuget.org [Enabled]" and its address on the next line.
    [GeneratedRegex(@"^\s*\d+\.\s+(?<name>.+?) \[(?<state>Enabled|Disabled)\]\r?\n\s*(?<address>\S.*)$", RegexOptions.Multiline)]
    private static partial Regex SourceListing();
}

/// <summary>One test class per aspect of the packages; all share one <see cref="LocalFeed"/> (the packages are made once).</summary>
[CollectionDefinition(Name)]
public sealed class PackagesCollection : ICollectionFixture<LocalFeed>
{
    public const string Name = "packages";
}
