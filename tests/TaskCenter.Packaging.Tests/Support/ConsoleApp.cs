using System.Xml.Linq;

namespace TaskCenter.Packaging.Tests.Support;

/// <summary>
/// A console app as <c>dotnet new console</c> makes one, in a folder of the <see cref="LocalFeed"/> (outside the
/// repository), with the given Program.cs and the packages the docs have a user add: the SDK's from the feed, and the
/// generic host's (Microsoft.Extensions.Hosting, at the version the repository uses). Built as a user builds it, except
/// that a warning fails the build as an error does.
/// </summary>
/// <param name="Directory">The app's folder.</param>
/// <param name="Built">Whether it built.</param>
/// <param name="BuildOutput">What <c>dotnet build</c> printed: the errors and warnings of a build that failed.</param>
public sealed record ConsoleApp(string Directory, bool Built, string BuildOutput)
{
    private const string GenericHost = "Microsoft.Extensions.Hosting";

    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(5);

    public static async Task<ConsoleApp> BuildAsync(LocalFeed feed, string name, string program)
    {
        var directory = feed.NewDirectory(name);
        var packages = LocalFeed.LibraryIds.Select(id => (Id: id, feed.Version)).Append((Id: GenericHost, Version: RepositoryVersionOf(GenericHost)));
        var references = string.Concat(packages.Select(package => $"""
                <PackageReference Include="{package.Id}" Version="{package.Version}" />

            """));
        await File.WriteAllTextAsync(Path.Combine(directory, "App.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
              </PropertyGroup>
              <ItemGroup>
            {references}  </ItemGroup>
            </Project>

            """);
        await File.WriteAllTextAsync(Path.Combine(directory, "Program.cs"), program);

        // Build servers would outlive the command holding its output open.
        var (exitCode, output) = await ChildProcess.RunAsync("dotnet", ["build", "--disable-build-servers", "-nologo"], BuildTimeout, directory);
        return new ConsoleApp(directory, exitCode == 0, string.Join(Environment.NewLine, output));
    }

    /// <summary>The version of a package in the repository's Directory.Packages.props.</summary>
    private static string RepositoryVersionOf(string id) =>
        XDocument.Load(Repository.PathOf("Directory.Packages.props")).Descendants("PackageVersion")
            .Single(package => package.Attribute("Include")?.Value == id).Attribute("Version")!.Value;

    /// <summary>Runs the built app (<c>dotnet App.dll</c>) in its folder.</summary>
    public ChildProcess Start() =>
        ChildProcess.Start("dotnet", [Path.Combine(Directory, "bin", "Debug", "net10.0", "App.dll")], Directory);
}
