namespace TaskCenter.Storage.Sqlite.Instances;

/// <summary>The SQL of the instance registry. Values always go through parameters.</summary>
internal static class InstanceCommands
{
    public const string Upsert = """
        INSERT INTO instances (id, host, process_id, version, started_at, seen_at, health, fires)
        VALUES (@id, @host, @processId, @version, @startedAt, @seenAt, @health, @fires)
        ON CONFLICT (id) DO UPDATE SET
          host = excluded.host, process_id = excluded.process_id, version = excluded.version, started_at = excluded.started_at,
          seen_at = excluded.seen_at, health = excluded.health, fires = excluded.fires
        """;

    public const string Forget = "DELETE FROM instances WHERE seen_at < @forgetBefore";

    /// <summary>Columns in the order <see cref="SqliteInstanceRegistry"/> reads them.</summary>
    public const string List = """
        SELECT id, host, process_id, version, started_at, seen_at, health, fires
        FROM instances
        ORDER BY started_at DESC, id
        """;
}
