using Microsoft.Data.Sqlite;
using TaskCenter.Core.Delivery;
using TaskCenter.Core.Storage;
using TaskCenter.Storage.Sqlite.Database;

namespace TaskCenter.Storage.Sqlite.QueueStore;

/// <summary>
/// The outbox on SQLite: fires recorded unpublished (<see cref="FireRouting.Outbox"/>) are read on a reader, handed to
/// the transport, and marked published on the writer once it returns. One process owns the file, so one publish at a
/// time in this process is all the exclusivity needed, and keeps fires going out in fire-time order.
/// </summary>
internal sealed class SqliteFireOutbox(SqliteDatabase db) : IFireOutbox, IDisposable
{
    private readonly SemaphoreSlim _publishing = new(1, 1);

    public async Task<int> PublishDueAsync(
        DateTimeOffset dueBy, int limit, Func<IReadOnlyList<FireRecord>, CancellationToken, Task> publish, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(publish);
        if (limit <= 0)
        {
            return 0;
        }

        await _publishing.WaitAsync(cancellationToken);
        try
        {
            var fires = await db.ReadAsync(connection => ReadDue(connection, dueBy, limit), cancellationToken);
            if (fires.Count == 0)
            {
                return 0;
            }

            await publish(fires, cancellationToken);

            // Published: not cancelable any more, or the fires would go out twice.
            await db.WriteAsync((connection, transaction) => MarkPublished(connection, transaction, fires), CancellationToken.None);
            return fires.Count;
        }
        finally
        {
            _publishing.Release();
        }
    }

    public Task<DateTimeOffset?> GetNextUnpublishedAsync(CancellationToken cancellationToken) =>
        db.ReadAsync(
            connection =>
            {
                using var command = connection.Command(OutboxCommands.Earliest);
                return command.ExecuteScalar() is long ms ? UnixTime.FromUnixMs(ms) : (DateTimeOffset?)null;
            },
            cancellationToken);

    public Task<long> CountUnpublishedAsync(long cap, CancellationToken cancellationToken) =>
        cap <= 0
            ? Task.FromResult(0L)
            : db.ReadAsync(
                connection =>
                {
                    using var command = connection.Command(OutboxCommands.Count).With("@cap", cap);
                    return (long)command.ExecuteScalar()!;
                },
                cancellationToken);

    public void Dispose() => _publishing.Dispose();

    private static List<FireRecord> ReadDue(SqliteConnection connection, DateTimeOffset dueBy, int limit)
    {
        using var command = connection.Command(OutboxCommands.Due).With("@dueBy", dueBy.ToUnixMs()).With("@limit", limit);
        using var reader = command.ExecuteReader();
        var fires = new List<FireRecord>();
        while (reader.Read())
        {
            fires.Add(new FireRecord
            {
                MsgId = reader.GetString(0),
                TaskId = reader.GetString(1),
                Name = reader.GetString(2),
                Data = reader.GetString(3),
                FireTime = UnixTime.FromUnixMs(reader.GetInt64(4)),
                RecordedAt = UnixTime.FromUnixMs(reader.GetInt64(5)),
                Lease = reader.GetNullableInt64(6) is { } ms ? TimeSpan.FromMilliseconds(ms) : null,
                Ack = reader.GetInt64(7) != 0,
            });
        }

        return fires;
    }

    private static bool MarkPublished(SqliteConnection connection, SqliteTransaction transaction, List<FireRecord> fires)
    {
        // When the broker confirmed them: now, as the transport has just returned.
        using var mark = connection.Command(OutboxCommands.MarkPublished, transaction).With("@now", DateTimeOffset.UtcNow.ToUnixMs());
        var msgId = mark.Parameter("@msgId", SqliteType.Text);
        foreach (var fire in fires)
        {
            msgId.Set(fire.MsgId);
            mark.ExecuteNonQuery();
        }

        return true;
    }
}
