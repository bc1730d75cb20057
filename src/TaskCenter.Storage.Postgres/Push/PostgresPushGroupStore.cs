using Npgsql;
using TaskCenter.Core.Push;
using TaskCenter.Storage.Postgres.Database;

namespace TaskCenter.Storage.Postgres.Push;

/// <summary>
/// Push groups' targets (push_groups) and their push attempts (push_attempts, purged with the fire history), shared by
/// every instance on the schema. A declaration takes the push groups' advisory lock for its transaction, so the count a
/// new group is checked against cannot change under it however many instances declare groups at once.
/// </summary>
internal sealed class PostgresPushGroupStore(PostgresDatabase db) : IPushGroupStore
{
    /// <summary>The lock, the replace and the create in one round trip (one implicit transaction).</summary>
    public Task<PushGroupWrite> PutAsync(PushGroup group, int maxGroups, CancellationToken cancellationToken)
    {
        var row = StoredPushGroup.From(group);
        return db.RunAsync(
            async connection =>
            {
                await using var batch = connection.Batch(
                    new NpgsqlBatchCommand(AdvisoryLocks.Exclusive).With("@lock", db.Locks.PushGroups),
                    WithSettings(new NpgsqlBatchCommand(PushGroupCommands.Replace), row),
                    WithSettings(new NpgsqlBatchCommand(PushGroupCommands.Create), row)
                        .With("@owner", row.Owner)
                        .With("@maxGroups", (long)maxGroups));
                await batch.ExecuteNonQueryAsync(cancellationToken);
                return batch.BatchCommands[1].RecordsAffected > 0 ? PushGroupWrite.Replaced
                    : batch.BatchCommands[2].RecordsAffected > 0 ? PushGroupWrite.Created
                    : PushGroupWrite.TooMany;
            },
            cancellationToken);
    }

    public Task<PushGroup?> GetAsync(string name, CancellationToken cancellationToken) =>
        db.RunAsync(
            async connection => (await connection.Command(PushGroupCommands.Get).With("@name", name).ReadRowsAsync(ReadGroup, cancellationToken))
                .SingleOrDefault(),
            cancellationToken);

    public Task<IReadOnlyList<PushGroup>> ListAsync(CancellationToken cancellationToken) =>
        db.RunAsync<IReadOnlyList<PushGroup>>(
            async connection => await connection.Command(PushGroupCommands.List).ReadRowsAsync(ReadGroup, cancellationToken),
            cancellationToken);

    public Task<bool> DeleteAsync(string name, CancellationToken cancellationToken) =>
        db.RunAsync(
            async connection =>
            {
                await using var delete = connection.Command(PushGroupCommands.Delete).With("@name", name);
                return await delete.ExecuteNonQueryAsync(cancellationToken) > 0;
            },
            cancellationToken);

    public Task RecordAttemptsAsync(IReadOnlyList<PushAttempt> attempts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(attempts);
        if (attempts.Count == 0)
        {
            return Task.CompletedTask;
        }

        // The last of equal keys wins, as when they are recorded one after another.
        var rows = attempts.GroupBy(a => (a.MsgId, a.Group, a.Attempt)).Select(same => same.Last()).ToList();
        return db.RunAsync(
            async connection =>
            {
                await using var upsert = connection.Command(PushGroupCommands.RecordAttempts)
                    .With("@msgIds", rows.Select(a => a.MsgId).ToArray())
                    .With("@groups", rows.Select(a => a.Group).ToArray())
                    .With("@attempts", rows.Select(a => a.Attempt).ToArray())
                    .With("@sentAts", rows.Select(a => a.At.ToUnixMs()).ToArray())
                    .With("@statuses", rows.Select(a => a.Status).ToArray())
                    .With("@durationsMs", rows.Select(a => a.Duration.ToMs()).ToArray())
                    .With("@errors", rows.Select(a => a.Error).ToArray());
                return await upsert.ExecuteNonQueryAsync(cancellationToken);
            },
            cancellationToken);
    }

    public Task<IReadOnlyList<PushAttempt>> ListAttemptsAsync(IReadOnlyList<string> msgIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(msgIds);
        if (msgIds.Count == 0)
        {
            return Task.FromResult<IReadOnlyList<PushAttempt>>([]);
        }

        return db.RunAsync<IReadOnlyList<PushAttempt>>(
            async connection => await connection.Command(PushGroupCommands.ListAttempts)
                .With("@msgIds", msgIds.ToArray())
                .ReadRowsAsync(
                    reader => new PushAttempt(
                        reader.GetString(0),
                        reader.GetString(1),
                        reader.GetInt32(2),
                        UnixTime.FromUnixMs(reader.GetInt64(3)),
                        reader.IsDBNull(4) ? null : reader.GetInt32(4),
                        TimeSpan.FromMilliseconds(reader.GetInt64(5)),
                        reader.GetNullableString(6)),
                    cancellationToken),
            cancellationToken);
    }

    public Task<int> PurgeAttemptsAsync(DateTimeOffset before, CancellationToken cancellationToken) =>
        db.RunAsync(
            async connection =>
            {
                await using var purge = connection.Command(PushGroupCommands.PurgeAttempts).With("@before", before.ToUnixMs());
                return await purge.ExecuteNonQueryAsync(cancellationToken);
            },
            cancellationToken);

    /// <summary>The parameters <see cref="PushGroupCommands.Replace"/> and <see cref="PushGroupCommands.Create"/> share.</summary>
    private static NpgsqlBatchCommand WithSettings(NpgsqlBatchCommand command, StoredPushGroup row) => command
        .With("@name", row.Name)
        .With("@tags", row.Tags)
        .With("@url", row.Url)
        .With("@contentType", row.ContentType)
        .With("@timeoutMs", row.TimeoutMs)
        .With("@maxConcurrency", row.MaxConcurrency)
        .With("@headers", row.Headers)
        .With("@secret", row.Secret)
        .With("@updatedAt", row.UpdatedAt);

    /// <summary>Columns of <see cref="PushGroupCommands.Get"/> and <see cref="PushGroupCommands.List"/>.</summary>
    private static PushGroup ReadGroup(NpgsqlDataReader reader) => new StoredPushGroup(
        reader.GetString(0),
        reader.GetString(1),
        reader.GetString(2),
        reader.GetString(3),
        reader.GetInt64(4),
        reader.GetInt32(5),
        reader.GetString(6),
        reader.GetString(7),
        reader.GetNullableString(8),
        reader.GetInt64(9)).ToGroup();
}
