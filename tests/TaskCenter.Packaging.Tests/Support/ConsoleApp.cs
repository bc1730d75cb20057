namespace TaskCenter.Packaging.Tests.Support;

/// <summary>
/// A console app as <c>dotnet new console</c> makes one, in a folder of the <see cref="LocalFeed"/> (outside the
/// repository), referencing the SDK's packages from the feed, with the given Program.cs; built as a user builds it,
/// except that a warning fails the build as an error does.
/// </summary>
/// <param name="Directory">The app's folder.</param>
/// <param name="Built">Whether it built.</param>
/// <param name="BuildOutput">What <c>dotnet build</c> printed: the errors and warnings of a build that failed.</param>
public sealed record ConsoleApp(string Directory, bool Built, string BuildOutput)
{
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(5);

    public static async Task<ConsoleApp> BuildAsync(LocalFeed feed, string name, string program)
    {
        var directory = feed.NewDirectory(name);
        var references = string.Concat(LocalFeed.LibraryIds.Select(id => $"""
                <PackageReference Include="{id}" Version="{feed.Version}" />

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

    /// <summary>Runs the built app (<c>dotnet App.dll</c>) in its folder.</summary>
    public ChildProcess Start() =>
        ChildProcess.Start("dotnet", [Path.Combine(Directory, "bin", "Debug", "net10.0", "App.dll")], Directory);
}
