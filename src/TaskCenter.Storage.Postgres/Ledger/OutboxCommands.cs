namespace TaskCenter.Storage.Postgres.Ledger;

/// <summary>The SQL of the outbox (<see cref="Core.Delivery.FireRouting.Outbox"/>), on ix_fires_outbox.</summary>
internal static class OutboxCommands
{
    /// <summary>Columns in the order <see cref="QueueRowMapper.ReadOutboxFire"/> reads them. Fires another instance is publishing are skipped.</summary>
    public const string LockDue = """
        SELECT msg_id, task_id, name, data, fire_time, recorded_at, lease_ms, ack
        FROM fires
        WHERE unpublished AND fire_time <= @dueBy
        ORDER BY fire_time, msg_id
        LIMIT @limit
        FOR UPDATE SKIP LOCKED
        """;

    /// <summary>@now is when the broker confirmed them (the fire history shows it).</summary>
    public const string MarkPublished = "UPDATE fires SET unpublished = false, published_at = @now WHERE msg_id = ANY (@msgIds)";

    public const string Earliest = "SELECT fire_time FROM fires WHERE unpublished ORDER BY fire_time, msg_id LIMIT 1";

    /// <summary>In index order, so the planner walks ix_fires_outbox rather than the table until it has found enough.</summary>
    public const string Count = """
        SELECT count(*) FROM (SELECT 1 FROM fires WHERE unpublished ORDER BY fire_time, msg_id LIMIT @cap) AS waiting
        """;
}
