using System.Text.Json;
using Microsoft.Data.Sqlite;
using TaskCenter.Core.Push;
using TaskCenter.Storage.Sqlite.Database;

namespace TaskCenter.Storage.Sqlite.Push;

/// <summary>
/// Push groups' targets (push_groups, at most Push:MaxGroups rows) and their push attempts (push_attempts, purged with
/// the fire history). Writes go through the one writer, so the count a new group is checked against cannot change under it.
/// </summary>
internal sealed class SqlitePushGroupStore(SqliteDatabase db) : IPushGroupStore
{
    public Task<PushGroupWrite> PutAsync(PushGroup group, int maxGroups, CancellationToken cancellationToken)
    {
        var row = StoredPushGroup.From(group);
        return db.WriteAsync(
            (connection, transaction) =>
            {
                using (var replace = WithSettings(connection.Command(PushGroupCommands.Replace, transaction), row))
                {
                    if (replace.ExecuteNonQuery() > 0)
                    {
                        return PushGroupWrite.Replaced;
                    }
                }

                using var create = WithSettings(connection.Command(PushGroupCommands.Create, transaction), row)
                    .With("@owner", row.Owner)
                    .With("@maxGroups", maxGroups);
                return create.ExecuteNonQuery() > 0 ? PushGroupWrite.Created : PushGroupWrite.TooMany;
            },
            cancellationToken);
    }

    public Task<PushGroup?> GetAsync(string name, CancellationToken cancellationToken) =>
        db.ReadAsync<PushGroup?>(
            connection =>
            {
                using var command = connection.Command(PushGroupCommands.Get).With("@name", name);
                using var reader = command.ExecuteReader();
                return reader.Read() ? ReadGroup(reader) : null;
            },
            cancellationToken);

    public Task<IReadOnlyList<PushGroup>> ListAsync(CancellationToken cancellationToken) =>
        db.ReadAsync<IReadOnlyList<PushGroup>>(
            connection =>
            {
                using var command = connection.Command(PushGroupCommands.List);
                return command.ReadRows(ReadGroup);
            },
            cancellationToken);

    public Task<bool> DeleteAsync(string name, CancellationToken cancellationToken) =>
        db.WriteStatementAsync(
            (connection, transaction) =>
            {
                using var delete = connection.Command(PushGroupCommands.Delete, transaction).With("@name", name);
                return delete.ExecuteNonQuery() > 0;
            },
            cancellationToken);

    public Task RecordAttemptsAsync(IReadOnlyList<PushAttempt> attempts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(attempts);
        if (attempts.Count == 0)
        {
            return Task.CompletedTask;
        }

        return db.WriteAsync(
            (connection, transaction) =>
            {
                using var upsert = connection.Command(PushGroupCommands.RecordAttempt, transaction);
                var msgId = upsert.Parameter("@msgId", SqliteType.Text);
                var group = upsert.Parameter("@group", SqliteType.Text);
                var attempt = upsert.Parameter("@attempt", SqliteType.Integer);
                var sentAt = upsert.Parameter("@sentAt", SqliteType.Integer);
                var status = upsert.Parameter("@status", SqliteType.Integer);
                var durationMs = upsert.Parameter("@durationMs", SqliteType.Integer);
                var error = upsert.Parameter("@error", SqliteType.Text);
                foreach (var each in attempts)
                {
                    msgId.Set(each.MsgId);
                    group.Set(each.Group);
                    attempt.Set(each.Attempt);
                    sentAt.Set(each.At.ToUnixMs());
                    status.Set(each.Status);
                    durationMs.Set(each.Duration.ToMs());
                    error.Set(each.Error);
                    upsert.ExecuteNonQuery();
                }

                return attempts.Count;
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

        return db.ReadAsync<IReadOnlyList<PushAttempt>>(
            connection =>
            {
                using var command = connection.Command(PushGroupCommands.ListAttempts).With("@msgIds", JsonSerializer.Serialize(msgIds));
                return command.ReadRows(reader => new PushAttempt(
                    reader.GetString(0),
                    reader.GetString(1),
                    reader.GetInt32(2),
                    UnixTime.FromUnixMs(reader.GetInt64(3)),
                    reader.IsDBNull(4) ? null : reader.GetInt32(4),
                    TimeSpan.FromMilliseconds(reader.GetInt64(5)),
                    reader.GetNullableString(6)));
            },
            cancellationToken);
    }

    public Task<int> PurgeAttemptsAsync(DateTimeOffset before, CancellationToken cancellationToken) =>
        db.WriteStatementAsync(
            (connection, transaction) =>
            {
                using var purge = connection.Command(PushGroupCommands.PurgeAttempts, transaction).With("@before", before.ToUnixMs());
                return purge.ExecuteNonQuery();
            },
            cancellationToken);

    /// <summary>The parameters <see cref="PushGroupCommands.Replace"/> and <see cref="PushGroupCommands.Create"/> share.</summary>
    private static SqliteCommand WithSettings(SqliteCommand command, StoredPushGroup row) => command
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
    private static PushGroup ReadGroup(SqliteDataReader reader) => new StoredPushGroup(
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
