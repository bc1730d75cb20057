namespace TaskCenter.Storage.Sqlite.Ledger;

/// <summary>The SQL of the outbox (<see cref="Core.Delivery.FireRouting.Outbox"/>), on ix_fires_outbox.</summary>
internal static class OutboxCommands
{
    /// <summary>Columns in the order <see cref="QueueRowMapper.ReadOutboxFire"/> reads them.</summary>
    public const string Due = """
        SELECT msg_id, task_id, name, data, fire_time, recorded_at, lease_ms, ack
        FROM fires
        WHERE unpublished = 1 AND fire_time <= @dueBy
        ORDER BY fire_time, msg_id
        LIMIT @limit
        """;

    public const string MarkPublished = "UPDATE fires SET unpublished = 0, published_at = @now WHERE msg_id = @msgId AND unpublished = 1";

    public const string Earliest = "SELECT fire_time FROM fires WHERE unpublished = 1 ORDER BY fire_time, msg_id LIMIT 1";

    public const string Count = "SELECT COUNT(*) FROM (SELECT 1 FROM fires WHERE unpublished = 1 LIMIT @cap)";
}
