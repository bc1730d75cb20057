using Npgsql;

namespace TaskCenter.Storage.Postgres.Database;

/// <summary>
/// Tells the failures that mean "the database cannot be used right now" (the call may be repeated once it is back, or
/// once its login is fixed) from every other error, and words them for logs, <c>/readyz</c> and 503 answers. Only
/// Npgsql's own exceptions count: whatever a caller's callback throws is not ours to judge.
/// </summary>
internal static class ConnectionFailures
{
    /// <summary>
    /// The server ended the session: admin or crash shutdown (57P01, 57P02), starting up (57P03), idle in a transaction
    /// for longer than the take-over timeout (25P03), idle-session timeout (57P05).
    /// </summary>
    private static readonly HashSet<string> SessionEnded = new(StringComparer.Ordinal) { "57P01", "57P02", "57P03", "25P03", "57P05" };

    /// <summary>
    /// The server answered but refused the login: no such role or no pg_hba.conf entry (28000), a wrong password (28P01),
    /// no such database (3D000). During a failover or while a database is being set up that is a state that passes, and
    /// a server that waits for it recovers by itself once it is fixed.
    /// </summary>
    private static readonly HashSet<string> LoginRefused = new(StringComparer.Ordinal) { "28000", "28P01", "3D000" };

    /// <summary>Why the database cannot be used, in one line; null when <paramref name="exception"/> is some other error.</summary>
    public static string? Describe(Exception exception) => exception switch
    {
        PostgresException { SqlState: var state } refused when LoginRefused.Contains(state) =>
            $"The PostgreSQL database refused the login: {refused.Message}; check Username, Password and Database in {PostgresStorageOptions.Section}:ConnectionString",
        NpgsqlException npgsql when npgsql.IsTransient // broken sockets, timeouts, pool exhaustion, and PostgreSQL's own transient codes
            || npgsql is PostgresException { SqlState: var state } && (state.StartsWith("08", StringComparison.Ordinal) || SessionEnded.Contains(state)) =>
            $"The PostgreSQL database is unavailable: {npgsql.Message}",
        _ => null,
    };
}
