using Npgsql;
using TaskCenter.Core.Delivery;
using TaskCenter.Core.Storage;
using TaskCenter.Storage.Postgres.Database;

namespace TaskCenter.Storage.Postgres.QueueStore;

/// <summary>
/// The outbox on PostgreSQL: due unpublished fires are locked (skipping those another instance is publishing), handed
/// to the transport and marked published in that same transaction. An instance that dies mid-publish leaves them
/// unpublished, for another instance to publish again with the same msgids (at-least-once). Within one publish the
/// fires go out in fire-time order; instances publishing at once each take the earliest fires not taken by the others.
/// </summary>
internal sealed class PostgresFireOutbox(PostgresDatabase db, TimeProvider time) : IFireOutbox
{
    public Task<int> PublishDueAsync(
        DateTimeOffset dueBy, int limit, Func<IReadOnlyList<FireRecord>, CancellationToken, Task> publish, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(publish);
        if (limit <= 0)
        {
            return Task.FromResult(0);
        }

        // Once published, marking them must not be cancelled, or they would go out twice: the commit ignores the token.
        return db.RunInTransactionAsync(
            async connection =>
            {
                var fires = await LockDueAsync(connection, dueBy, limit, cancellationToken);
                if (fires.Count == 0)
                {
                    return 0;
                }

                await publish(fires, cancellationToken);
                await using var mark = connection.Command(OutboxCommands.MarkPublished)
                    .With("@msgIds", fires.Select(f => f.MsgId).ToArray()).With("@now", time.GetUtcNow().ToUnixMs());
                await mark.ExecuteNonQueryAsync(CancellationToken.None);
                return fires.Count;
            },
            CancellationToken.None);
    }

    public Task<DateTimeOffset?> GetNextUnpublishedAsync(CancellationToken cancellationToken) =>
        db.RunAsync(connection => connection.Command(OutboxCommands.Earliest).ReadTimeAsync(cancellationToken), cancellationToken);

    public Task<long> CountUnpublishedAsync(long cap, CancellationToken cancellationToken) =>
        cap <= 0
            ? Task.FromResult(0L)
            : db.RunAsync(
                async connection =>
                {
                    await using var command = connection.Command(OutboxCommands.Count).With("@cap", cap);
                    return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
                },
                cancellationToken);

    private static Task<List<FireRecord>> LockDueAsync(NpgsqlConnection connection, DateTimeOffset dueBy, int limit, CancellationToken cancellationToken) =>
        connection.Command(OutboxCommands.LockDue).With("@dueBy", dueBy.ToUnixMs()).With("@limit", limit).ReadRowsAsync(ReadFire, cancellationToken);

    /// <summary>Columns of <see cref="OutboxCommands.LockDue"/>.</summary>
    private static FireRecord ReadFire(NpgsqlDataReader reader) => new()
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
