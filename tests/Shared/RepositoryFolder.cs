namespace TaskCenter.Testing;

/// <summary>The repository's root folder (the one holding TaskCenter.slnx), found from the test's output folder.</summary>
public static class RepositoryFolder
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "TaskCenter.slnx")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No TaskCenter.slnx above {AppContext.BaseDirectory}.");
    }
}
