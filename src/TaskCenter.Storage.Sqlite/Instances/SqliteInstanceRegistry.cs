using TaskCenter.Core.Instances;
using TaskCenter.Storage.Sqlite.Database;

namespace TaskCenter.Storage.Sqlite.Instances;

/// <summary>The server instances' heartbeats, in the instances table (one row per instance; a few rows in all).</summary>
internal sealed class SqliteInstanceRegistry(SqliteDatabase db) : IInstanceRegistry
{
    public Task BeatAsync(InstanceHeartbeat heartbeat, DateTimeOffset forgetBefore, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(heartbeat);
        return db.WriteAsync(
            (connection, transaction) =>
            {
                using (var upsert = connection.Command(InstanceCommands.Upsert, transaction)
                    .With("@id", heartbeat.Id)
                    .With("@host", heartbeat.Host)
                    .With("@processId", heartbeat.ProcessId)
                    .With("@version", heartbeat.Version)
                    .With("@startedAt", heartbeat.StartedAt.ToUnixMs())
                    .With("@seenAt", heartbeat.SeenAt.ToUnixMs())
                    .With("@health", heartbeat.Health)
                    .With("@fires", heartbeat.Fires.Encode()))
                {
                    upsert.ExecuteNonQuery();
                }

                using var forget = connection.Command(InstanceCommands.Forget, transaction).With("@forgetBefore", forgetBefore.ToUnixMs());
                return forget.ExecuteNonQuery();
            },
            cancellationToken);
    }

    public Task<IReadOnlyList<InstanceHeartbeat>> ListInstancesAsync(CancellationToken cancellationToken) =>
        db.ReadAsync<IReadOnlyList<InstanceHeartbeat>>(
            connection =>
            {
                using var command = connection.Command(InstanceCommands.List);
                using var reader = command.ExecuteReader();
                var instances = new List<InstanceHeartbeat>();
                while (reader.Read())
                {
                    instances.Add(new InstanceHeartbeat
                    {
                        Id = reader.GetString(0),
                        Host = reader.GetString(1),
                        ProcessId = reader.GetInt32(2),
                        Version = reader.GetString(3),
                        StartedAt = UnixTime.FromUnixMs(reader.GetInt64(4)),
                        SeenAt = UnixTime.FromUnixMs(reader.GetInt64(5)),
                        Health = reader.GetString(6),
                        Fires = MinuteCounts.Decode(reader.GetString(7)),
                    });
                }

                return instances;
            },
            cancellationToken);
}
