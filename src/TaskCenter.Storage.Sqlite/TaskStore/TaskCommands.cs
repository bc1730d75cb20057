namespace TaskCenter.Storage.Sqlite.TaskStore;

/// <summary>The SQL of the task store. Values always go through parameters.</summary>
internal static class TaskCommands
{
    /// <summary>The columns <see cref="TaskRowMapper"/> reads, in its order.</summary>
    private const string Columns = """
        id, name, type, data, crontab, loop_time, loop_count, start_time, end_time, max_runtime, ack, time_zone,
        state, fired_count, next_fire_at, created_at, version, finished_at
        """;

    public const string Insert = """
        INSERT INTO tasks (id, name, type, data, data_hash, crontab, loop_time, loop_count, start_time, end_time,
                           max_runtime, ack, time_zone, state, fired_count, next_fire_at, created_at, version, finished_at)
        VALUES (@id, @name, @type, @data, @dataHash, @crontab, @loopTime, @loopCount, @startTime, @endTime,
                @maxRuntime, @ack, @timeZone, @state, @firedCount, @nextFireAt, @createdAt, @version, @finishedAt)
        """;

    /// <summary>
    /// The live task with this name and data (ix_tasks_dedupe narrows by hash; the data is compared too). Adds are
    /// serialized, so there is at most one; no ORDER BY, which would tempt the planner to walk ix_tasks_name instead.
    /// </summary>
    public const string FindLiveDuplicate = """
        SELECT id FROM tasks
        WHERE name = @name AND data_hash = @dataHash AND state IN ('pending', 'active', 'paused') AND data = @data
        LIMIT 1
        """;

    public const string GetById = "SELECT " + Columns + " FROM tasks WHERE id = @id";

    public const string IdsByName = "SELECT id FROM tasks WHERE name = @name ORDER BY created_at DESC, id DESC";

    public const string DeleteById = "DELETE FROM tasks WHERE id = @id";

    public const string DeleteByName = "DELETE FROM tasks WHERE name = @name";

    /// <summary>Served by ix_tasks_due: its first entry.</summary>
    public const string EarliestFire = """
        SELECT next_fire_at FROM tasks
        WHERE state IN ('pending', 'active') AND next_fire_at IS NOT NULL
        ORDER BY next_fire_at, id
        LIMIT 1
        """;

    /// <summary>Served by ix_tasks_due: a range from its start.</summary>
    /// <summary>Reads ix_tasks_due only (next_fire_at is NULL whenever a task must not fire).</summary>
    public const string CountDue = """
        SELECT count(*) FROM (
          SELECT 1 FROM tasks WHERE next_fire_at IS NOT NULL AND next_fire_at <= @dueBy LIMIT @cap
        )
        """;

    public const string Due = "SELECT " + Columns + """
         FROM tasks
        WHERE state IN ('pending', 'active') AND next_fire_at IS NOT NULL AND next_fire_at <= @dueBy
        ORDER BY next_fire_at, id
        LIMIT @limit
        """;

    /// <summary>The engine's optimistic update: applies only to the version it read.</summary>
    public const string Advance = """
        UPDATE tasks
        SET state = @state, fired_count = @firedCount, next_fire_at = @nextFireAt, finished_at = @finishedAt,
            version = version + 1
        WHERE id = @id AND version = @version
        """;

    /// <summary>
    /// An operator's revision: every column but id, name, type and created_at (bound by <see cref="TaskRowMapper.BindInsert"/>),
    /// only on the version the operator read.
    /// </summary>
    public const string Revise = """
        UPDATE tasks
        SET data = @data, data_hash = @dataHash, crontab = @crontab, loop_time = @loopTime, loop_count = @loopCount,
            start_time = @startTime, end_time = @endTime, max_runtime = @maxRuntime, ack = @ack, time_zone = @timeZone,
            state = @state, fired_count = @firedCount, next_fire_at = @nextFireAt, finished_at = @finishedAt,
            version = version + 1
        WHERE id = @id AND version = @version
        """;

    // ---- The task list: ix_tasks_name walked from the cursor, the name or the prefix; type and state checked in the row ----

    /// <summary>
    /// The columns <see cref="TaskRowMapper"/> reads, then the data's size in bytes: octet_length reads it from the record
    /// header, without loading the data, so a page can end before a task without reading it into .NET.
    /// </summary>
    private const string ListFrom = "SELECT " + Columns + ", octet_length(data) FROM tasks WHERE ";

    /// <summary>The column of <see cref="ListFrom"/> that holds the data's size.</summary>
    public const int ListDataSizeColumn = 18;

    /// <summary>A literal, so that the planner can use ix_tasks_paused (a parameter cannot match a partial index).</summary>
    private const string ListPausedOnly = "state = 'paused' AND ";

    private const string ListExactName = "name = @name AND ";

    private const string ListAfterCursor = "(name, created_at, id) > (@afterName, @afterCreatedAt, @afterId) AND ";

    /// <summary>A cursor within the exact name: a range after the name's equality, which the index seeks to (the full row value would only filter).</summary>
    private const string ListAfterCursorWithinName = "(created_at, id) > (@afterCreatedAt, @afterId) AND ";

    /// <summary>Names starting with the prefix: the range of <see cref="Core.Tasks.NamePattern.First"/>, both ends included.</summary>
    private const string ListPrefixRange = "name >= @first AND name <= @last AND ";

    /// <summary>The end of the prefix's range, for a cursor inside it (the cursor starts the range, so deep pages cost as little).</summary>
    private const string ListPrefixEnd = "name <= @last AND ";

    private const string ListFilters = "(@type IS NULL OR type = @type) AND (@state IS NULL OR state = @state)";

    private const string ListAscending = " ORDER BY name, created_at, id LIMIT @limit";

    private const string ListDescending = " ORDER BY name DESC, created_at DESC, id DESC LIMIT @limit";

    /// <summary>
    /// A page of the task list in (name, created_at, id) order or its reverse, from the start or after a cursor, of one
    /// exact name, within a name prefix or neither (as <see cref="Core.Storage.TaskQuery.Simplified"/> leaves them: a
    /// cursor with a prefix lies at or above it, one with a name within it), paused tasks only (ix_tasks_paused) or in
    /// any state (ix_tasks_name); type and state filter the rows walked.
    /// </summary>
    public static string List(bool afterCursor, bool exactName, bool withinPrefix, bool pausedOnly, bool descending) =>
        ListFrom
        + (pausedOnly ? ListPausedOnly : "")
        + (exactName ? ListExactName : "")
        + (afterCursor ? (exactName ? ListAfterCursorWithinName : ListAfterCursor) : "")
        + (withinPrefix ? (afterCursor ? ListPrefixEnd : ListPrefixRange) : "")
        + ListFilters
        + (descending ? ListDescending : ListAscending);

    public const string PurgeFinished = "DELETE FROM tasks WHERE state = 'finished' AND finished_at < @before";
}
