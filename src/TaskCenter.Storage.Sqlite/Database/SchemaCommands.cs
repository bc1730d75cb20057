namespace TaskCenter.Storage.Sqlite.Database;

/// <summary>The SQL of the connection set-up and the migration runner (the schema itself is in Sql/*.sql).</summary>
internal static class SchemaCommands
{
    public const string JournalModeWal = "PRAGMA journal_mode = WAL";
    public const string SynchronousFull = "PRAGMA synchronous = FULL";
    public const string SynchronousNormal = "PRAGMA synchronous = NORMAL";

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
