namespace TaskCenter.Storage.Postgres.TaskStore;

/// <summary>The SQL of the task store. Values always go through parameters.</summary>
internal static class TaskCommands
{
    /// <summary>The columns <see cref="TaskRowMapper"/> reads, in its order.</summary>
    private const string Columns = """
        id, name, type, data, crontab, loop_time, loop_count, start_time, end_time, max_runtime, ack, time_zone,
        state, fired_count, next_fire_at, created_at, version, finished_at
        """;

    /// <summary>data_hash is generated from data.</summary>
    public const string Insert = """
        INSERT INTO tasks (id, name, type, data, crontab, loop_time, loop_count, start_time, end_time,
                           max_runtime, ack, time_zone, state, fired_count, next_fire_at, created_at, version, finished_at)
        VALUES (@id, @name, @type, @data, @crontab, @loopTime, @loopCount, @startTime, @endTime,
                @maxRuntime, @ack, @timeZone, @state, @firedCount, @nextFireAt, @createdAt, @version, @finishedAt)
        """;

    /// <summary>The live task with this name and data (ix_tasks_dedupe narrows by hash; the data is compared too).</summary>
    public const string FindLiveDuplicate = """
        SELECT id FROM tasks
        WHERE name = @name AND data_hash = data_hash(@data) AND state IN ('pending', 'active', 'paused')
          AND data = @data
        LIMIT 1
        """;

    public const string GetById = "SELECT " + Columns + " FROM tasks WHERE id = @id";

    /// <summary>ix_tasks_name, walked backwards.</summary>
    public const string ListByName = "SELECT " + Columns + " FROM tasks WHERE name = @name ORDER BY created_at DESC, id DESC";

    public const string DeleteByIds = "DELETE FROM tasks WHERE id = ANY (@ids) RETURNING id, created_at";

    public const string DeleteByName = "DELETE FROM tasks WHERE name = @name RETURNING id, created_at";

    /// <summary>
    /// The fires of deleted tasks recorded ahead of time and not due yet, with their deliveries (ux_fires_task_time,
    /// then the deliveries' key). Its own statement after the delete: it must see fires another instance committed
    /// while the delete waited for that instance's lock on the task.
    /// </summary>
    public const string WithdrawFutureFires = """
        WITH withdrawn AS (
          DELETE FROM fires WHERE task_id = ANY (@taskIds) AND fire_time > @now RETURNING msg_id
        )
        DELETE FROM deliveries WHERE msg_id IN (SELECT msg_id FROM withdrawn)
        """;

    /// <summary>Served by ix_tasks_due: its first entry.</summary>
    public const string EarliestFire = """
        SELECT next_fire_at FROM tasks
        WHERE state IN ('pending', 'active') AND next_fire_at IS NOT NULL
        ORDER BY next_fire_at, id
        LIMIT 1
        """;

    /// <summary>
    /// Served by ix_tasks_due: a range from its start. In index order, so that with many tasks due the planner still
    /// walks the index up to the cap, not the table.
    /// </summary>
    public const string CountDue = """
        SELECT count(*) FROM (
          SELECT 1 FROM tasks
          WHERE state IN ('pending', 'active') AND next_fire_at IS NOT NULL AND next_fire_at <= @dueBy
          ORDER BY next_fire_at, id
          LIMIT @cap
        ) AS due
        """;

    /// <summary>
    /// The engine's batch, earliest first (ix_tasks_due). Rows another instance holds are skipped, not waited for: it
    /// fires them; the rows taken here stay locked until this instance's commit.
    /// </summary>
    public const string LockDue = "SELECT " + Columns + """
         FROM tasks
        WHERE state IN ('pending', 'active') AND next_fire_at IS NOT NULL AND next_fire_at <= @dueBy
        ORDER BY next_fire_at, id
        LIMIT @limit
        FOR UPDATE SKIP LOCKED
        """;

    public const string PurgeFinished = "DELETE FROM tasks WHERE state = 'finished' AND finished_at < @before";
}
