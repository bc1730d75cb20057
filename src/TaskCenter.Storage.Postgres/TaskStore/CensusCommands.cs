namespace TaskCenter.Storage.Postgres.TaskStore;

/// <summary>The SQL of <see cref="Core.Storage.ITaskReader.CountAsync"/>: counts over whole tables, for the dashboard now and then.</summary>
internal static class CensusCommands
{
    /// <summary>Reads every task (there is no cheaper exact count).</summary>
    public const string Tasks = "SELECT type, state, count(*) FROM tasks GROUP BY type, state ORDER BY type, state";

    /// <summary>A scoped key's share, on ix_tasks_name: the names of a pattern's range (both ends included).</summary>
    public const string TasksInRange =
        "SELECT type, state, count(*) FROM tasks WHERE name >= @first AND name <= @last GROUP BY type, state ORDER BY type, state";

    /// <summary>
    /// Every consumer group, with zeros when it has no delivery, and every group that holds deliveries without a
    /// subscription (dead letters an external transport gave up on); by name ("C" order).
    /// </summary>
    public const string Groups = """
        SELECT name, sum(ready)::bigint, sum(leased)::bigint, sum(dead)::bigint
        FROM (
          SELECT name, 0::bigint AS ready, 0::bigint AS leased, 0::bigint AS dead FROM consumer_groups
          UNION ALL
          SELECT group_name, count(*) FILTER (WHERE state = 'ready'), count(*) FILTER (WHERE state = 'leased'),
                 count(*) FILTER (WHERE state = 'dead')
          FROM deliveries
          GROUP BY group_name
        ) AS g
        GROUP BY name
        ORDER BY name
        """;

    /// <summary>Each count walks its partial index (ix_fires_unrouted_age, ix_fires_outbox), not the fires.</summary>
    public const string Fires = """
        SELECT (SELECT count(*) FROM fires WHERE unrouted), (SELECT count(*) FROM fires WHERE unpublished)
        """;
}
