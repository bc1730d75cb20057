using Microsoft.Data.Sqlite;
using TaskCenter.Core.Storage;
using TaskCenter.Storage.Sqlite.Database;

namespace TaskCenter.Storage.Sqlite.TaskStore;

/// <summary>A page of a task's fire history in two queries on one snapshot: the fires, then all their deliveries.</summary>
internal static class FireHistoryReader
{
    public static List<FireHistoryEntry> Read(SqliteConnection connection, string taskId, int limit, DateTimeOffset? before)
    {
        using var snapshot = connection.BeginTransaction(deferred: true);
        var fires = new List<FireHistoryEntry>();
        using (var command = Page(connection, snapshot, ManagementCommands.HistoryFires, taskId, limit, before))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                fires.Add(new FireHistoryEntry
                {
                    MsgId = reader.GetString(0),
                    FireTime = UnixTime.FromUnixMs(reader.GetInt64(1)),
                    RecordedAt = UnixTime.FromUnixMs(reader.GetInt64(2)),
                    PublishedAt = reader.GetNullableInt64(3) is { } published ? UnixTime.FromUnixMs(published) : null,
                    Unpublished = reader.GetInt64(4) != 0,
                    Unrouted = reader.GetInt64(5) != 0,
                    Deliveries = [],
                });
            }
        }

        if (fires.Count == 0)
        {
            return fires;
        }

        var deliveries = new Dictionary<string, List<FireDelivery>>(StringComparer.Ordinal);
        using (var command = Page(connection, snapshot, ManagementCommands.HistoryDeliveries, taskId, limit, before))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                var msgId = reader.GetString(0);
                if (!deliveries.TryGetValue(msgId, out var list))
                {
                    deliveries[msgId] = list = [];
                }

                list.Add(new FireDelivery
                {
                    Group = reader.GetString(1),
                    State = ParseState(reader.GetString(2)),
                    Attempts = reader.GetInt32(3),
                    FirstDeliveredAt = reader.GetNullableInt64(4) is { } first ? UnixTime.FromUnixMs(first) : null,
                    DoneAt = reader.GetNullableInt64(5) is { } done ? UnixTime.FromUnixMs(done) : null,
                    LastError = reader.GetNullableString(6),
                    AvailableAt = reader.GetNullableInt64(7) is { } available ? UnixTime.FromUnixMs(available) : null,
                });
            }
        }

        return fires.ConvertAll(fire => deliveries.TryGetValue(fire.MsgId, out var list)
            ? fire with { Deliveries = [.. list.OrderBy(d => d.Group, StringComparer.Ordinal)] }
            : fire);
    }

    private static SqliteCommand Page(
        SqliteConnection connection, SqliteTransaction snapshot, string sql, string taskId, int limit, DateTimeOffset? before) =>
        connection.Command(sql, snapshot)
            .With("@taskId", taskId)
            .With("@limit", limit)
            .With("@before", before?.ToUnixMs() ?? long.MaxValue);

    private static FireDeliveryState ParseState(string state) => state switch
    {
        "ready" => FireDeliveryState.Ready,
        "leased" => FireDeliveryState.Leased,
        "dead" => FireDeliveryState.Dead,
        "acked" => FireDeliveryState.Acked,
        _ => throw new FormatException($"unknown delivery state '{state}'"),
    };
}
