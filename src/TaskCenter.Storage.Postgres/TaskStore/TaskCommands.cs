namespace TaskCenter.Storage.Postgres.TaskStore;

/// <summary>The SQL of the task store. Values always go through parameters.</summary>
internal static class TaskCommands
{
    /// <summary>The columns <see cref="TaskRowMapper"/> reads, in its order.</summary>
    private const string Columns = """
        id, name, type, data, crontab, loop_time, loop_count, start_time, end_time, max_runtime, ack, time_zone,
        state, fired_count, next_fire_at, created_at, version, finished_at
        """;

    /// <summary>
    /// Replaces a task's definition and bookkeeping if its version is still the one read (tasks_pkey); data_hash follows
    /// data. Not id, name, type or created_at: they identify the task.
    /// </summary>
    public const string Revise = """
        UPDATE tasks
        SET data = @data, crontab = @crontab, loop_time = @loopTime, loop_count = @loopCount, start_time = @startTime,
            end_time = @endTime, max_runtime = @maxRuntime, ack = @ack, time_zone = @timeZone, state = @state,
            fired_count = @firedCount, next_fire_at = @nextFireAt, finished_at = @finishedAt, version = version + 1
        WHERE id = @id AND version = @version
        """;

    /// <summary>
    /// The add, for one task or many (the arrays, one element per task): each task is inserted unless a live task has
    /// its name and data (ix_tasks_dedupe narrows by hash; the data is compared too), whose id is then returned, in the
    /// order given. All see the tasks as they were before the statement: the caller resolves equal tasks within one
    /// batch itself (<see cref="TaskAddBatch"/>). Wakes the other instances' engines (NOTIFY, sent at commit) for the
    /// earliest next fire among the tasks inserted. data_hash is generated from data.
    /// </summary>
    public const string AddTasks = """
        WITH batch AS (
          SELECT * FROM unnest(@newIds, @names, @types, @datas, @crontabs, @loopTimes, @loopCounts, @startTimes,
                               @endTimes, @maxRuntimes, @acks, @timeZones, @states, @firedCounts, @nextFireAts,
                               @createdAts, @versions, @finishedAts)
            WITH ORDINALITY AS b (id, name, type, data, crontab, loop_time, loop_count, start_time,
                                  end_time, max_runtime, ack, time_zone, state, fired_count, next_fire_at,
                                  created_at, version, finished_at, ord)
        ),
        found AS (
          SELECT b.*, (
            SELECT t.id FROM tasks AS t
            WHERE t.name = b.name AND t.data_hash = data_hash(b.data) AND t.state IN ('pending', 'active', 'paused')
              AND t.data = b.data
            LIMIT 1) AS existing
          FROM batch AS b
        ),
        inserted AS (
          INSERT INTO tasks (id, name, type, data, crontab, loop_time, loop_count, start_time, end_time,
                             max_runtime, ack, time_zone, state, fired_count, next_fire_at, created_at, version, finished_at)
          SELECT id, name, type, data, crontab, loop_time, loop_count, start_time, end_time,
                 max_runtime, ack, time_zone, state, fired_count, next_fire_at, created_at, version, finished_at
          FROM found
          WHERE existing IS NULL
          ORDER BY ord
          RETURNING next_fire_at
        ),
        woken AS (
          SELECT pg_notify(@channel, min(next_fire_at)::text) FROM inserted HAVING min(next_fire_at) IS NOT NULL
        )
        SELECT f.existing, (SELECT count(*) FROM woken) FROM found AS f ORDER BY f.ord
        """;

    public const string GetById = "SELECT " + Columns + " FROM tasks WHERE id = @id";

    // ---- The task list (TaskListQuery puts the statement together from these) ----

    /// <summary>
    /// A page of the list, first as the rows' ids and data sizes only: ListSizes, the predicates joined by AND, ListOrder
    /// (or ListOrderDescending). ix_tasks_name in order, stopping at the limit. octet_length reads the size of a TOASTed
    /// value from its pointer, without fetching it.
    /// </summary>
    public const string ListSizes = "SELECT id, octet_length(data) FROM tasks WHERE ";

    /// <summary>The tasks of a page whose sizes fit its budget, by id (tasks_pkey), in no order.</summary>
    public const string ListPage = "SELECT " + Columns + " FROM tasks WHERE id = ANY (@ids)";

    public const string ListOrder = " ORDER BY name, created_at, id LIMIT @limit";

    public const string ListOrderDescending = " ORDER BY name DESC, created_at DESC, id DESC LIMIT @limit";

    public const string ListExactName = "name = @name";

    /// <summary>Where a name prefix starts (and no cursor past it is given): <see cref="Core.Tasks.NamePattern.First"/>.</summary>
    public const string ListFromPrefix = "name >= @first";

    /// <summary>Where a name prefix ends: <see cref="Core.Tasks.NamePattern.Last"/>, included.</summary>
    public const string ListToPrefixEnd = "name <= @last";

    /// <summary>After the previous page's last task; a row comparison, which the btree seeks to.</summary>
    public const string ListAfter = "(name, created_at, id) > (@afterName, @afterCreatedAt, @afterId)";

    /// <summary>After the previous page's last task, within the exact name: a range after the name's equality.</summary>
    public const string ListAfterWithinName = "(created_at, id) > (@afterCreatedAt, @afterId)";

    public const string ListOfType = "type = @type";

    /// <summary>
    /// "IS TRUE" so that the planner cannot match it to a partial index's predicate (it still estimates it as the plain
    /// comparison): with state = 'paused' it took ix_tasks_dedupe (live tasks, ordered by name only) and sorted each
    /// name's tasks, so a deep page re-read its name from the start.
    /// </summary>
    public const string ListInState = "(state = @state) IS TRUE";

    /// <summary>Paused tasks only: a literal, which the planner matches to ix_tasks_paused (the few paused tasks, in list order).</summary>
    public const string ListPaused = "state = 'paused'";

    public const string DeleteByIds = "DELETE FROM tasks WHERE id = ANY (@ids) RETURNING id, created_at";

    public const string DeleteByName = "DELETE FROM tasks WHERE name = @name RETURNING id, created_at";

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
