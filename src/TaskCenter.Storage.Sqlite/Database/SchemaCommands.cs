namespace TaskCenter.Storage.Sqlite.Database;

/// <summary>The SQL of the connection set-up and the migration runner (the schema itself is in Sql/*.sql).</summary>
internal static class SchemaCommands
{
    public const string JournalModeWal = "PRAGMA journal_mode = WAL";
    public const string SynchronousFull = "PRAGMA synchronous = FULL";
    public const string SynchronousNormal = "PRAGMA synchronous = NORMAL";

    /// <summary>
    /// The writer's page cache, 32 MiB (SQLite's default is 2 MiB), allocated as pages are used. Each add changes a page
    /// of ix_tasks_dedupe picked by its data's hash, so at a few hundred thousand tasks the default cache misses on most
    /// adds and the writer reads the page back from the file, on the path every add waits for.
    /// </summary>
    public const string WriterCacheSize = "PRAGMA cache_size = -32768";

    public const string CreateVersionTable = """
        CREATE TABLE IF NOT EXISTS schema_version (
          version    INTEGER NOT NULL PRIMARY KEY,
          name       TEXT    NOT NULL,
          applied_at TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
        ) STRICT
        """;

    public const string AppliedVersions = "SELECT version FROM schema_version ORDER BY version";

    public const string RecordVersion = "INSERT INTO schema_version (version, name) VALUES (@version, @name)";
}
