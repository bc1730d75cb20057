using Microsoft.Data.Sqlite;
using TaskCenter.Core.Queue;
using TaskCenter.Core.Storage;
using TaskCenter.Storage.Sqlite.Database;

namespace TaskCenter.Storage.Sqlite.Ledger;

/// <summary>Reads queue rows in the column order of <see cref="QueueCommands"/>.</summary>
internal static class QueueRowMapper
{
    /// <summary>Columns of <see cref="QueueCommands.LeaseCandidates"/>.</summary>
    public static LeaseCandidate ReadCandidate(SqliteDataReader reader) => new(
        MsgId: reader.GetString(0),
        IsLeased: reader.GetString(1) == "leased",
        Attempt: reader.GetInt32(2),
        TaskId: reader.GetString(3),
        Name: reader.GetString(4),
        Data: reader.GetString(5),
        FireTime: UnixTime.FromUnixMs(reader.GetInt64(6)),
        FireLease: reader.GetNullableInt64(7) is { } leaseMs ? TimeSpan.FromMilliseconds(leaseMs) : null,
        Ack: reader.GetInt64(8) != 0);

    /// <summary>Columns of <see cref="QueueCommands.PendingDelivery"/>.</summary>
    public static PendingDelivery ReadPending(SqliteDataReader reader) => new(
        IsLeased: reader.GetString(0) == "leased",
        Attempt: reader.GetInt32(1),
        AvailableAt: UnixTime.FromUnixMs(reader.GetInt64(2)));

    /// <summary>Columns of <see cref="QueueCommands.DeadLettersFirst"/>.</summary>
    public static DeadLetter ReadDeadLetter(SqliteDataReader reader, string group) => new()
    {
        Group = group,
        MsgId = reader.GetString(0),
        TaskId = reader.GetString(1),
        Name = reader.GetString(2),
        Data = reader.GetString(3),
        FireTime = UnixTime.FromUnixMs(reader.GetInt64(4)),
        Attempts = reader.GetInt32(5),
        LastError = reader.GetNullableString(6),
        DeadAt = UnixTime.FromUnixMs(reader.GetNullableInt64(7) ?? 0),
    };

    /// <summary>Columns of <see cref="OutboxCommands.Due"/>.</summary>
    public static FireRecord ReadOutboxFire(SqliteDataReader reader) => new()
    {
        MsgId = reader.GetString(0),
        TaskId = reader.GetString(1),
        Name = reader.GetString(2),
        Data = reader.GetString(3),
        FireTime = UnixTime.FromUnixMs(reader.GetInt64(4)),
        RecordedAt = UnixTime.FromUnixMs(reader.GetInt64(5)),
        Lease = reader.GetNullableInt64(6) is { } ms ? TimeSpan.FromMilliseconds(ms) : null,
        Ack = reader.GetInt64(7) != 0,
    };
}
