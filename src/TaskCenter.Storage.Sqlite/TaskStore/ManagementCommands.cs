namespace TaskCenter.Storage.Sqlite.TaskStore;

/// <summary>The SQL of the management reads: a task's fire history and the census. Values always go through parameters.</summary>
internal static class ManagementCommands
{
    /// <summary>A page of a task's fires, latest first (ux_fires_task_time backwards).</summary>
    private const string FirePage = """
        FROM fires
        WHERE task_id = @taskId AND fire_time < @before
        ORDER BY fire_time DESC
        LIMIT @limit
        """;

    /// <summary>Columns in the order <see cref="FireHistoryReader"/> reads them.</summary>
    public const string HistoryFires = "SELECT msg_id, fire_time, recorded_at, published_at, unpublished, unrouted " + FirePage;

    private const string PageMsgIds = "SELECT msg_id " + FirePage;

    /// <summary>
    /// The deliveries of the same page's fires (read in the same snapshot): pending and dead ones, then acked ones; both
    /// by their key prefix msg_id. Columns: msg_id, group, state, attempt, first delivered, done, last error, available.
    /// </summary>
    public const string HistoryDeliveries =
        "SELECT msg_id, group_name, state, attempt, first_delivered_at, dead_at, last_error, available_at FROM deliveries WHERE msg_id IN ("
        + PageMsgIds + """
        )
        UNION ALL
        SELECT msg_id, group_name, 'acked', attempt, first_delivered_at, acked_at, last_error, NULL FROM delivery_outcomes WHERE msg_id IN (
        """ + PageMsgIds + ")";

    public const string TaskCounts = "SELECT type, state, count(*) FROM tasks GROUP BY type, state";

    /// <summary>On ix_tasks_name: the names of a pattern's range (<see cref="Core.Tasks.NamePattern.First"/>, both ends included).</summary>
    public const string TaskCountsInRange =
        "SELECT type, state, count(*) FROM tasks WHERE name >= @first AND name <= @last GROUP BY type, state";

    public const string GroupNames = "SELECT name FROM consumer_groups";

    public const string DeliveryCounts = "SELECT group_name, state, count(*) FROM deliveries GROUP BY group_name, state";

    /// <summary>On ix_fires_unrouted_age.</summary>
    public const string UnroutedFires = "SELECT count(*) FROM fires WHERE unrouted = 1";

    /// <summary>On ix_fires_outbox.</summary>
    public const string UnpublishedFires = "SELECT count(*) FROM fires WHERE unpublished = 1";
}
