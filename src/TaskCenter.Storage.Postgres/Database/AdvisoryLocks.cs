namespace TaskCenter.Storage.Postgres.Database;

/// <summary>
/// Transaction-scoped advisory locks, named per schema (the key is a hash of the name, so instances of several
/// TaskCenters in one database never share one). They end with the transaction, or with the session of a dead instance.
/// </summary>
internal sealed class AdvisoryLocks(string schema)
{
    public const string Exclusive = "SELECT pg_advisory_xact_lock(hashtextextended(@lock, 0))";

    public const string Shared = "SELECT pg_advisory_xact_lock_shared(hashtextextended(@lock, 0))";

    /// <summary>True when taken; false at once when another session holds it.</summary>
    public const string TryExclusive = "SELECT pg_try_advisory_xact_lock(hashtextextended(@lock, 0))";

    /// <summary>
    /// Keyed by the name and the data of each task being added (@names, @datas): concurrent adds of equal tasks run one
    /// after another. Each key once and in key order, so adds of overlapping batches wait for each other instead of deadlocking.
    /// </summary>
    public const string ExclusiveForAdd = """
        SELECT pg_advisory_xact_lock(k) FROM (
          SELECT DISTINCT hashtextextended(@lock || n, data_hash(d)) AS k FROM unnest(@names, @datas) AS x (n, d)
        ) AS keys
        ORDER BY k
        """;

    /// <summary>Held while the schema is migrated, so instances starting together apply each script once.</summary>
    public string Migration { get; } = schema + "/migration";

    /// <summary>
    /// Routing: a subscription change holds it exclusively while it hands kept fires over, a recording shares it while it
    /// routes, so a fire is either routed by the new subscription or kept and then handed over, never left behind.
    /// </summary>
    public string Routing { get; } = schema + "/routing";

    /// <summary>
    /// Held by the instance purging expired queue entries: the others skip their pass rather than delete the same rows
    /// at the same time (and risk deadlocking on them).
    /// </summary>
    public string Housekeeping { get; } = schema + "/housekeeping";

    /// <summary>
    /// Held by a push group's declaration while it counts the groups and stores its own, so instances declaring new
    /// groups together never store more than Push:MaxGroups.
    /// </summary>
    public string PushGroups { get; } = schema + "/push-groups";

    /// <summary>The prefix of <see cref="ExclusiveForAdd"/>'s key.</summary>
    public string Add { get; } = schema + "/add/";
}
