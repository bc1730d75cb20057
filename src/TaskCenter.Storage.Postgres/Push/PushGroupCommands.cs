namespace TaskCenter.Storage.Postgres.Push;

/// <summary>The SQL of the push groups (at most Push:MaxGroups rows) and their attempts.</summary>
internal static class PushGroupCommands
{
    /// <summary>Columns in the order <see cref="PostgresPushGroupStore"/> reads them.</summary>
    private const string Columns = "name, tags, url, content_type, timeout_ms, max_concurrency, headers, secret, owner_key, updated_at";

    /// <summary>A replace: everything but the owner, who stays the one that declared the group.</summary>
    public const string Replace = """
        UPDATE push_groups
        SET tags = @tags, url = @url, content_type = @contentType, timeout_ms = @timeoutMs, max_concurrency = @maxConcurrency,
            headers = @headers, secret = @secret, updated_at = @updatedAt
        WHERE name = @name
        """;

    /// <summary>
    /// A new group, run after <see cref="Replace"/> in its transaction: stored when that found none, and only while fewer
    /// than @maxGroups are (the caller holds the push groups' lock, so no other declaration counts at the same time).
    /// </summary>
    public const string Create = """
        INSERT INTO push_groups (name, tags, url, content_type, timeout_ms, max_concurrency, headers, secret, owner_key, updated_at)
        SELECT @name, @tags, @url, @contentType, @timeoutMs, @maxConcurrency, @headers, @secret, @owner, @updatedAt
        WHERE NOT EXISTS (SELECT FROM push_groups WHERE name = @name) AND (SELECT count(*) FROM push_groups) < @maxGroups
        """;

    public const string Delete = "DELETE FROM push_groups WHERE name = @name";

    public const string Get = "SELECT " + Columns + " FROM push_groups WHERE name = @name";

    public const string List = "SELECT " + Columns + " FROM push_groups ORDER BY name";

    /// <summary>Every attempt of the arrays (no key twice: one statement cannot change a row twice).</summary>
    public const string RecordAttempts = """
        INSERT INTO push_attempts (msg_id, group_name, attempt, sent_at, status, duration_ms, error)
        SELECT * FROM unnest(@msgIds, @groups, @attempts, @sentAts, @statuses, @durationsMs, @errors)
        ON CONFLICT (msg_id, group_name, attempt) DO UPDATE
        SET sent_at = excluded.sent_at, status = excluded.status, duration_ms = excluded.duration_ms, error = excluded.error
        """;

    public const string ListAttempts = """
        SELECT msg_id, group_name, attempt, sent_at, status, duration_ms, error
        FROM push_attempts
        WHERE msg_id = ANY (@msgIds)
        ORDER BY msg_id, group_name, attempt
        """;

    public const string PurgeAttempts = "DELETE FROM push_attempts WHERE sent_at < @before";
}
