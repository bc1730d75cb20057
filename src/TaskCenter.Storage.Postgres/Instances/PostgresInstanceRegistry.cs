using Npgsql;
using TaskCenter.Core.Instances;
using TaskCenter.Storage.Postgres.Database;

namespace TaskCenter.Storage.Postgres.Instances;

/// <summary>The server instances sharing the schema, each as its last heartbeat wrote it.</summary>
internal sealed class PostgresInstanceRegistry(PostgresDatabase db) : IInstanceRegistry
{
    /// <summary>The upsert and the forgetting in one round trip (one implicit transaction).</summary>
    public Task BeatAsync(InstanceHeartbeat heartbeat, DateTimeOffset forgetBefore, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(heartbeat);
        return db.RunAsync(
            async connection =>
            {
                await using var batch = connection.Batch(
                    new NpgsqlBatchCommand(InstanceCommands.Upsert)
                        .With("@id", heartbeat.Id)
                        .With("@host", heartbeat.Host)
                        .With("@processId", heartbeat.ProcessId)
                        .With("@version", heartbeat.Version)
                        .With("@startedAt", heartbeat.StartedAt.ToUnixMs())
                        .With("@seenAt", heartbeat.SeenAt.ToUnixMs())
                        .With("@health", heartbeat.Health)
                        .With("@fires", heartbeat.Fires.Encode()),
                    new NpgsqlBatchCommand(InstanceCommands.Forget).With("@forgetBefore", forgetBefore.ToUnixMs()));
                return await batch.ExecuteNonQueryAsync(cancellationToken);
            },
            cancellationToken);
    }

    public Task<IReadOnlyList<InstanceHeartbeat>> ListInstancesAsync(CancellationToken cancellationToken) =>
        db.RunAsync<IReadOnlyList<InstanceHeartbeat>>(
            async connection => await connection.Command(InstanceCommands.List).ReadRowsAsync(Read, cancellationToken),
            cancellationToken);

    /// <summary>Columns of <see cref="InstanceCommands.List"/>.</summary>
    private static InstanceHeartbeat Read(NpgsqlDataReader reader) => new()
    {
        Id = reader.GetString(0),
        Host = reader.GetString(1),
        ProcessId = reader.GetInt32(2),
        Version = reader.GetString(3),
        StartedAt = UnixTime.FromUnixMs(reader.GetInt64(4)),
        SeenAt = UnixTime.FromUnixMs(reader.GetInt64(5)),
        Health = reader.GetString(6),
        Fires = MinuteCounts.Decode(reader.GetString(7)),
    };
}
