namespace TaskCenter.Storage.Sqlite.Push;

/// <summary>The SQL of the push groups and their attempts. Values always go through parameters.</summary>
internal static class PushGroupCommands
{
    /// <summary>Columns in the order <see cref="SqlitePushGroupStore"/> reads them.</summary>
    private const string Columns = "name, tags, url, content_type, timeout_ms, max_concurrency, headers, secret, owner_key, updated_at";

    /// <summary>A replace: everything but the owner, who stays the one that declared the group.</summary>
    public const string Replace = """
        UPDATE push_groups
        SET tags = @tags, url = @url, content_type = @contentType, timeout_ms = @timeoutMs, max_concurrency = @maxConcurrency,
            headers = @headers, secret = @secret, updated_at = @updatedAt
        WHERE name = @name
        """;

    /// <summary>A new group, stored only while fewer than @maxGroups are (run after <see cref="Replace"/> found none).</summary>
    public const string Create = """
        INSERT INTO push_groups (name, tags, url, content_type, timeout_ms, max_concurrency, headers, secret, owner_key, updated_at)
        SELECT @name, @tags, @url, @contentType, @timeoutMs, @maxConcurrency, @headers, @secret, @owner, @updatedAt
        WHERE (SELECT COUNT(*) FROM push_groups) < @maxGroups
        """;

    public const string Delete = "DELETE FROM push_groups WHERE name = @name";

    public const string Get = "SELECT " + Columns + " FROM push_groups WHERE name = @name";

    public const string List = "SELECT " + Columns + " FROM push_groups ORDER BY name";

    public const string RecordAttempt = """
        INSERT INTO push_attempts (msg_id, group_name, attempt, sent_at, status, duration_ms, error)
        VALUES (@msgId, @group, @attempt, @sentAt, @status, @durationMs, @error)
        ON CONFLICT (msg_id, group_name, attempt) DO UPDATE SET
          sent_at = excluded.sent_at, status = excluded.status, duration_ms = excluded.duration_ms, error = excluded.error
        """;

    /// <summary>The attempts of the msgids in @msgIds, a JSON array of strings.</summary>
    public const string ListAttempts = """
        SELECT msg_id, group_name, attempt, sent_at, status, duration_ms, error
        FROM push_attempts
        WHERE msg_id IN (SELECT value FROM json_each(@msgIds))
        ORDER BY msg_id, group_name, attempt
        """;

    public const string PurgeAttempts = "DELETE FROM push_attempts WHERE sent_at < @before";
}
