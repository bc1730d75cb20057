using System.Diagnostics;

namespace TaskCenter.Client.Tests.PublicApi;

/// <summary>
/// The SDK's public surface is recorded in PublicAPI.*.txt beside each SDK project: a public member the lists do not
/// name fails the build (RS0016), so every change to the surface is a visible change to the lists. Built on a copy of
/// the project and the repository's build settings, so the repository itself is never touched.
/// </summary>
public sealed class PublicApiTests : IDisposable
{
    private static readonly string[] BuildSettings =
        ["Directory.Build.props", "Directory.Packages.props", "global.json", ".editorconfig", "src/Packaging.props"];

    private readonly string _copy = TempDirectory.Create("taskcenter-public-api");

    [Fact]
    public async Task A_public_type_missing_from_the_API_lists_fails_the_build_naming_it()
    {
        var project = CopyProject("src/TaskCenter.Client", alsoFolders: ["src/TaskCenter.Contracts"]);
        await File.WriteAllTextAsync(
            Path.Combine(project, "Unrecorded.cs"),
            "namespace TaskCenter.Client;\n\n/// <summary>Not in the API lists.</summary>\npublic static class Unrecorded\n{\n    /// <summary>A member.</summary>\n    public static int Answer => 42;\n}\n");

        var (exitCode, output) = await BuildAsync(Path.Combine(project, "TaskCenter.Client.csproj"));

        Assert.NotEqual(0, exitCode);
        var errors = output.Where(line => line.Contains(": error ", StringComparison.Ordinal)).ToList();
        Assert.Contains(errors, line => line.Contains("RS0016", StringComparison.Ordinal) && line.Contains("'TaskCenter.Client.Unrecorded'", StringComparison.Ordinal));
        Assert.Contains(errors, line => line.Contains("RS0016", StringComparison.Ordinal) && line.Contains("'static TaskCenter.Client.Unrecorded.Answer.get -> int'", StringComparison.Ordinal));
        Assert.All(errors, line => Assert.Contains("Unrecorded", line, StringComparison.Ordinal)); // the recorded surface is complete
    }

    public void Dispose() => TempDirectory.Delete(_copy);

    /// <summary>
    /// Copies the build settings and one project's sources (not its build output) into the temporary folder, with the
    /// folders of sources it compiles in (the HTTP contract).
    /// </summary>
    private string CopyProject(string relativeFolder, string[] alsoFolders)
    {
        foreach (var file in BuildSettings)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(_copy, file))!);
            File.Copy(Path.Combine(RepositoryFolder.Root, file), Path.Combine(_copy, file));
        }

        foreach (var folder in alsoFolders)
        {
            CopyFolder(folder);
        }

        return CopyFolder(relativeFolder);
    }

    private string CopyFolder(string relativeFolder)
    {
        var source = Path.Combine(RepositoryFolder.Root, relativeFolder);
        var target = Path.Combine(_copy, relativeFolder);
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(source, file);
            if (relative.StartsWith("bin" + Path.DirectorySeparatorChar, StringComparison.Ordinal) ||
                relative.StartsWith("obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                continue;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(target, relative))!);
            File.Copy(file, Path.Combine(target, relative));
        }

        return target;
    }

    private static async Task<(int ExitCode, List<string> Output)> BuildAsync(string project)
    {
        var start = new ProcessStartInfo("dotnet", ["build", project, "-nologo", "-clp:NoSummary"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var build = Process.Start(start)!;
        var output = build.StandardOutput.ReadToEndAsync();
        var errors = build.StandardError.ReadToEndAsync();
        await build.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(5));
        return (build.ExitCode, [.. (await output + await errors).Split('\n')]);
    }
}
