using TaskCenter.Packaging.Tests.Support;

namespace TaskCenter.Packaging.Tests;

/// <summary>What scripts/pack.sh puts in each package: what a user of NuGet sees and gets.</summary>
[Collection(PackagesCollection.Name)]
public sealed class PackageContentsTests(LocalFeed feed)
{
    public static TheoryData<string> Packages => [.. LocalFeed.PackageIds];

    public static TheoryData<string> Libraries => [.. LocalFeed.LibraryIds];

    [Theory]
    [MemberData(nameof(Packages))]
    public void Each_package_carries_the_version_a_license_expression_a_readme_and_a_description(string id)
    {
        var package = Nupkg.Open(feed, id);

        Assert.Equal(id, package.Value("id"));
        Assert.Equal(feed.Version, package.Version);
        Assert.Equal("expression", package.Element("license")?.Attribute("type")?.Value);
        Assert.Equal("MIT", package.Value("license"));
        Assert.Equal("README.md", package.Value("readme"));
        Assert.Contains("README.md", package.Files);
        Assert.False(string.IsNullOrWhiteSpace(package.Value("description")));
        Assert.False(string.IsNullOrWhiteSpace(package.Value("authors")));
        Assert.Contains("scheduler", package.Value("tags")!.Split(' '));
    }

    [Theory]
    [MemberData(nameof(Libraries))]
    public void A_library_package_holds_the_assembly_with_its_xml_docs_and_its_symbols_are_beside_it(string id)
    {
        var package = Nupkg.Open(feed, id);
        var symbols = Nupkg.Open(feed, id, symbols: true);

        Assert.Contains($"lib/net10.0/{id}.dll", package.Files);
        Assert.Contains($"lib/net10.0/{id}.xml", package.Files);
        Assert.Contains($"lib/net10.0/{id}.pdb", symbols.Files);
    }

    [Theory]
    [InlineData("TaskCenter.Client.RabbitMq")]
    [InlineData("TaskCenter.Client.AspNetCore")]
    public void An_add_on_package_depends_on_the_client_package_of_the_same_version(string id)
    {
        var package = Nupkg.Open(feed, id);

        var dependency = Assert.Single(package.Metadata.Descendants(package.Metadata.Name.Namespace + "dependency"),
            element => element.Attribute("id")?.Value == "TaskCenter.Client");
        Assert.Equal(feed.Version, dependency.Attribute("version")?.Value);
    }

    [Fact]
    public void The_aspnetcore_package_references_the_aspnetcore_framework_instead_of_carrying_it()
    {
        var package = Nupkg.Open(feed, "TaskCenter.Client.AspNetCore");

        Assert.Contains(package.Metadata.Descendants(package.Metadata.Name.Namespace + "frameworkReference"),
            element => element.Attribute("name")?.Value == "Microsoft.AspNetCore.App");
        Assert.DoesNotContain(package.Files, file => file.Contains("Microsoft.AspNetCore", StringComparison.Ordinal));
    }

    [Fact]
    public void The_cli_package_is_a_dotnet_tool_named_taskcenter()
    {
        var package = Nupkg.Open(feed, LocalFeed.ToolId);

        Assert.Equal("DotnetTool", package.Element("packageTypes")?.Elements().Single().Attribute("name")?.Value);
        Assert.Contains("tools/net10.0/any/taskcenter.dll", package.Files);
        Assert.Contains("tools/net10.0/any/DotnetToolSettings.xml", package.Files);
        Assert.Contains("tools/net10.0/any/taskcenter.pdb", Nupkg.Open(feed, LocalFeed.ToolId, symbols: true).Files);
    }
}
