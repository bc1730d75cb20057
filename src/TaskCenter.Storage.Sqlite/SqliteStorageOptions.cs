using System.ComponentModel.DataAnnotations;

namespace TaskCenter.Storage.Sqlite;

/// <summary>Settings of the embedded SQLite storage (the host binds them, e.g. from a "Storage:Sqlite" section).</summary>
public sealed class SqliteStorageOptions : IValidatableObject
{
    /// <summary>The configuration section the server binds these settings from; errors name each setting by its key in it.</summary>
    public const string Section = "Storage:Sqlite";

    /// <summary>The database file; its folder is created when missing. Relative paths are relative to the working directory.</summary>
    [Required]
    public string Path { get; set; } = "data/taskcenter.db";

    /// <summary>How hard a commit waits for the disk.</summary>
    [EnumDataType(typeof(SqliteSynchronous))]
    public SqliteSynchronous Synchronous { get; set; } = SqliteSynchronous.Full;

    /// <summary>How long a statement waits for a lock held by another connection (or process) before it fails.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Fresh fires kept in memory per consumer group, so they are handed to consumers the moment they fall due without a
    /// database round trip (their leases are written right after). Beyond it fires are read from the file; 0 turns it off.
    /// </summary>
    [Range(0, 10_000_000)]
    public int ReadyCacheSize { get; set; } = 100_000;

    /// <summary>
    /// The most memory the ready cache's payloads may take, all groups together (a fire's data, counted for each group
    /// it waits for): fires beyond it are read from the file, so many large fires falling due cannot fill the memory.
    /// </summary>
    [Range(0, 64L * 1024 * 1024 * 1024)]
    public long ReadyCacheBytes { get; set; } = 64 * 1024 * 1024;

    /// <summary>The path must name a file: the writer and the readers open it separately.</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Path.Trim() == ":memory:" || Path.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            yield return new ValidationResult("it must name a database file (not :memory: or a file: URI)", [nameof(Path)]);
        }
    }
}
