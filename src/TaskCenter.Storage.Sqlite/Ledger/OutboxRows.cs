using Microsoft.Data.Sqlite;
using TaskCenter.Core.Storage;
using TaskCenter.Storage.Sqlite.Database;

namespace TaskCenter.Storage.Sqlite.Ledger;

/// <summary>The statements of the outbox (<see cref="Core.Delivery.FireRouting.Outbox"/>): its due fires, and marking them published.</summary>
internal static class OutboxRows
{
    public static List<FireRecord> ReadDue(SqliteConnection connection, DateTimeOffset dueBy, int limit)
    {
        using var command = connection.Command(OutboxCommands.Due).With("@dueBy", dueBy.ToUnixMs()).With("@limit", limit);
        using var reader = command.ExecuteReader();
        var fires = new List<FireRecord>();
        while (reader.Read())
        {
            fires.Add(QueueRowMapper.ReadOutboxFire(reader));
        }

        return fires;
    }

    /// <summary>Marks the fires published at <paramref name="now"/> (when the broker confirmed them).</summary>
    public static bool MarkPublished(SqliteConnection connection, SqliteTransaction transaction, List<FireRecord> fires, DateTimeOffset now)
    {
        using var mark = connection.Command(OutboxCommands.MarkPublished, transaction).With("@now", now.ToUnixMs());
        var msgId = mark.Parameter("@msgId", SqliteType.Text);
        foreach (var fire in fires)
        {
            msgId.Set(fire.MsgId);
            mark.ExecuteNonQuery();
        }

        return true;
    }
}
