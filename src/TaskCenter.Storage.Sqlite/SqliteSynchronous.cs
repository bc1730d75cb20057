namespace TaskCenter.Storage.Sqlite;

/// <summary>SQLite's <c>PRAGMA synchronous</c> for the writer connection (the journal is always WAL).</summary>
public enum SqliteSynchronous
{
    /// <summary>Commits survive a crash of the process, not necessarily a power loss (WAL is synced at checkpoints).</summary>
    Normal,

    /// <summary>Every commit is synced to disk before it returns: it survives a power loss too.</summary>
    Full,
}
