using Npgsql;
using TaskCenter.Core.Queue;
using TaskCenter.Core.Storage;
using TaskCenter.Storage.Postgres.Database;

namespace TaskCenter.Storage.Postgres.Ledger;

/// <summary>Reads queue rows in the column order of <see cref="QueueCommands"/>.</summary>
internal static class QueueRowMapper
{
    /// <summary>Columns of <see cref="QueueCommands.LockLeaseCandidates"/>.</summary>
    public static LeaseCandidate ReadCandidate(NpgsqlDataReader reader) => new(
        MsgId: reader.GetString(0),
        IsLeased: reader.GetString(1) == "leased",
        Attempt: reader.GetInt32(2),
        TaskId: reader.GetString(3),
        Name: reader.GetString(4),
        Data: reader.GetPayload(5),
        FireTime: UnixTime.FromUnixMs(reader.GetInt64(6)),
        FireLease: reader.GetNullableInt64(7) is { } leaseMs ? TimeSpan.FromMilliseconds(leaseMs) : null,
        Ack: reader.GetBoolean(8));

    /// <summary>Columns of <see cref="QueueCommands.LockPendingDelivery"/>.</summary>
    public static PendingDelivery ReadPending(NpgsqlDataReader reader) => new(
        IsLeased: reader.GetString(0) == "leased",
        Attempt: reader.GetInt32(1),
        AvailableAt: UnixTime.FromUnixMs(reader.GetInt64(2)));

    /// <summary>Columns of <see cref="QueueCommands.DeadLettersFirst"/>.</summary>
    public static DeadLetter ReadDeadLetter(NpgsqlDataReader reader, string group) => new()
    {
        Group = group,
        MsgId = reader.GetString(0),
        TaskId = reader.GetString(1),
        Name = reader.GetString(2),
        Data = reader.GetPayload(3),
        FireTime = UnixTime.FromUnixMs(reader.GetInt64(4)),
        Attempts = reader.GetInt32(5),
        LastError = reader.GetNullableString(6),
        DeadAt = UnixTime.FromUnixMs(reader.GetNullableInt64(7) ?? 0),
    };

    /// <summary>Rows of the statements that change deliveries and return (msg_id, fire_time).</summary>
    public static (string MsgId, long FireTime) ReadChanged(NpgsqlDataReader reader) => (reader.GetString(0), reader.GetInt64(1));

    /// <summary>Columns of <see cref="OutboxCommands.LockDue"/>.</summary>
    public static FireRecord ReadOutboxFire(NpgsqlDataReader reader) => new()
    {
        MsgId = reader.GetString(0),
        TaskId = reader.GetString(1),
        Name = reader.GetString(2),
        Data = reader.GetPayload(3),
        FireTime = UnixTime.FromUnixMs(reader.GetInt64(4)),
        RecordedAt = UnixTime.FromUnixMs(reader.GetInt64(5)),
        Lease = reader.GetNullableInt64(6) is { } ms ? TimeSpan.FromMilliseconds(ms) : null,
        Ack = reader.GetBoolean(7),
    };
}
