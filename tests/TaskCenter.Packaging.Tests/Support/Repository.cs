namespace TaskCenter.Packaging.Tests.Support;

/// <summary>The repository the tests were built from: the folder holding TaskCenter.slnx above their build output.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    /// <summary>The full path of a file given relative to the repository's root, with '/' between folders.</summary>
    public static string PathOf(string relativePath) => Path.Combine(Root, relativePath);

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "TaskCenter.slnx")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"no TaskCenter.slnx above {AppContext.BaseDirectory}");
    }
}
