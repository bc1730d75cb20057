namespace TaskCenter.Benchmarks.Systems;

/// <summary>A temporary folder for one system instance's files, removed when the instance is disposed.</summary>
public sealed class BenchDirectory : IDisposable
{
    public BenchDirectory(string prefix)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"{prefix}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    /// <summary>The SQLite file TaskCenter uses in this folder.</summary>
    public string DatabasePath => System.IO.Path.Combine(Path, "taskcenter.db");

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a process being torn down; the OS temp cleaner takes it.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
