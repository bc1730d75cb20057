using Npgsql;
using TaskCenter.Core.Storage;
using TaskCenter.Storage.Postgres.Database;

namespace TaskCenter.Storage.Postgres.TaskStore;

/// <summary>Reads the rows of <see cref="HistoryCommands"/>.</summary>
internal static class HistoryRowMapper
{
    /// <summary>Columns of <see cref="HistoryCommands.Fires"/>; the deliveries are filled in afterwards.</summary>
    public static FireHistoryEntry ReadFire(NpgsqlDataReader reader) => new()
    {
        MsgId = reader.GetString(0),
        FireTime = UnixTime.FromUnixMs(reader.GetInt64(1)),
        RecordedAt = UnixTime.FromUnixMs(reader.GetInt64(2)),
        PublishedAt = reader.GetNullableInt64(3) is { } published ? UnixTime.FromUnixMs(published) : null,
        Unpublished = reader.GetBoolean(4),
        Unrouted = reader.GetBoolean(5),
        Deliveries = [],
    };

    /// <summary>Columns of <see cref="HistoryCommands.Deliveries"/>.</summary>
    public static (string MsgId, FireDelivery Delivery) ReadDelivery(NpgsqlDataReader reader) => (
        reader.GetString(0),
        new FireDelivery
        {
            Group = reader.GetString(1),
            State = reader.GetString(2) switch
            {
                "ready" => FireDeliveryState.Ready,
                "leased" => FireDeliveryState.Leased,
                "dead" => FireDeliveryState.Dead,
                "acked" => FireDeliveryState.Acked,
                var other => throw new InvalidOperationException($"Unknown delivery state '{other}'."),
            },
            Attempts = reader.GetInt32(3),
            FirstDeliveredAt = reader.GetNullableInt64(4) is { } first ? UnixTime.FromUnixMs(first) : null,
            DoneAt = reader.GetNullableInt64(5) is { } done ? UnixTime.FromUnixMs(done) : null,
            LastError = reader.GetNullableString(6),
            AvailableAt = reader.GetNullableInt64(7) is { } available ? UnixTime.FromUnixMs(available) : null,
        });
}
