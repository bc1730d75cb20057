namespace TaskCenter.Storage.Postgres.TaskStore;

/// <summary>The SQL of a task's fire history: a page of its fires, then what became of each, in two round trips.</summary>
internal static class HistoryCommands
{
    /// <summary>The task's fires, latest first, before @before (ux_fires_task_time, walked backwards, stopping at the limit).</summary>
    public const string Fires = """
        SELECT msg_id, fire_time, recorded_at, published_at, unpublished, unrouted
        FROM fires
        WHERE task_id = @taskId AND fire_time < @before
        ORDER BY fire_time DESC
        LIMIT @limit
        """;

    /// <summary>
    /// Each fire's deliveries still pending or dead, and those acked (delivery_outcomes), by fire and group; both by
    /// key. The sixth column is when it was done: dead-lettered or acked; the eighth when it can be leased (next).
    /// </summary>
    public const string Deliveries = """
        SELECT msg_id, group_name, state, attempt, first_delivered_at, dead_at, last_error, available_at
        FROM deliveries WHERE msg_id = ANY (@msgIds)
        UNION ALL
        SELECT msg_id, group_name, 'acked', attempt, first_delivered_at, acked_at, last_error, NULL
        FROM delivery_outcomes WHERE msg_id = ANY (@msgIds)
        ORDER BY msg_id, group_name
        """;
}
