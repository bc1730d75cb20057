using System.Globalization;
using Npgsql;
using TaskCenter.Core.Configuration;

namespace TaskCenter.Storage.Postgres.Database;

/// <summary>
/// The connection settings the storage runs on: the user's connection string, plus the schema as search path and what
/// keeps a dead instance from holding locks longer than <see cref="PostgresStorageOptions.TakeOverTimeout"/>.
/// </summary>
internal static class PostgresConnectionStrings
{
    /// <summary>The pooled connections of the storage. Validates the options with errors that name the setting.</summary>
    public static NpgsqlConnectionStringBuilder ForStorage(PostgresStorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (OptionsRules.Check(options, PostgresStorageOptions.Section) is { Count: > 0 } failures)
        {
            throw new InvalidOperationException(string.Join(" ", failures));
        }

        var builder = new NpgsqlConnectionStringBuilder(options.ConnectionString);

        // Keepalive probes a quarter of the take-over timeout apart: a dead peer is noticed within it, on both ends.
        var probeSeconds = Math.Max(1, (int)(options.TakeOverTimeout.TotalSeconds / 4));
        builder.SearchPath = options.Schema;
        builder.ApplicationName ??= "TaskCenter";
        // TCP keepalives only: Npgsql's own keepalive (KeepAlive) talks to the server, which counts as activity and
        // would keep the transaction of a hung instance from ever timing out.
        builder.KeepAlive = 0;
        builder.TcpKeepAlive = true;
        if (builder.TcpKeepAliveTime == 0)
        {
            builder.TcpKeepAliveTime = probeSeconds;
            builder.TcpKeepAliveInterval = probeSeconds;
        }

        var takeOverMs = ((long)options.TakeOverTimeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
        var probe = probeSeconds.ToString(CultureInfo.InvariantCulture);
        string[] session =
        [
            // The server ends a session left idle inside a transaction (its process hangs, its host is cut off): its
            // row and advisory locks go with it.
            $"-c idle_in_transaction_session_timeout={takeOverMs}",
            $"-c tcp_keepalives_idle={probe}",
            $"-c tcp_keepalives_interval={probe}",
            "-c tcp_keepalives_count=3",
        ];
        builder.Options = string.Join(' ', new[] { builder.Options }.Concat(session).Where(o => !string.IsNullOrWhiteSpace(o)));
        return builder;
    }

    /// <summary>
    /// The one connection that LISTENs: not pooled, and pinged while it waits (it never holds a transaction), so a server
    /// that went away is noticed and the listener reconnects.
    /// </summary>
    public static NpgsqlConnectionStringBuilder ForListener(NpgsqlConnectionStringBuilder storage)
    {
        return new NpgsqlConnectionStringBuilder(storage.ConnectionString)
        {
            Pooling = false,
            KeepAlive = Math.Max(1, storage.TcpKeepAliveTime),
        };
    }
}
