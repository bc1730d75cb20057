using Npgsql;

namespace TaskCenter.Storage.Postgres.Database;

/// <summary>
/// Tells the failures that mean "the database cannot be reached right now" (the call may be repeated once it is back)
/// from every other error. Only Npgsql's own exceptions count: whatever a caller's callback throws is not ours to judge.
/// </summary>
internal static class ConnectionFailures
{
    /// <summary>
    /// The server ended the session: admin or crash shutdown (57P01, 57P02), starting up (57P03), idle in a transaction
    /// for longer than the take-over timeout (25P03), idle-session timeout (57P05).
    /// </summary>
    private static readonly HashSet<string> SessionEnded = new(StringComparer.Ordinal) { "57P01", "57P02", "57P03", "25P03", "57P05" };

    public static bool IsUnavailable(Exception exception) =>
        exception is NpgsqlException npgsql
        && (npgsql.IsTransient // broken sockets, timeouts, pool exhaustion, and PostgreSQL's own transient codes
            || npgsql is PostgresException { SqlState: var state } && (state.StartsWith("08", StringComparison.Ordinal) || SessionEnded.Contains(state)));
}
