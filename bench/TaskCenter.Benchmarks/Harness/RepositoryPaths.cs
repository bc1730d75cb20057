namespace TaskCenter.Benchmarks.Harness;

/// <summary>Finds the repository (the folder with TaskCenter.slnx) from the working directory or the harness's own folder.</summary>
public static class RepositoryPaths
{
    private const string Marker = "TaskCenter.slnx";

    /// <summary>The repository root, or null when the harness runs outside the repository.</summary>
    public static string? FindRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
            {
                if (File.Exists(Path.Combine(folder.FullName, Marker)))
                {
                    return folder.FullName;
                }
            }
        }

        return null;
    }

    /// <summary>bench/results in the repository, or ./bench-results outside one.</summary>
    public static string DefaultOutput(string? root) =>
        root is null ? Path.GetFullPath("bench-results") : Path.Combine(root, "bench", "results");
}
