using Npgsql;
using TaskCenter.Core.Tasks;
using TaskCenter.Storage.Postgres.Database;

namespace TaskCenter.Storage.Postgres.TaskStore;

/// <summary>Maps task rows to and from <see cref="ScheduledTask"/> (columns in the order of TaskCommands.Columns).</summary>
internal static class TaskRowMapper
{
    public static ScheduledTask Read(NpgsqlDataReader reader) => new()
    {
        Id = reader.GetString(0),
        Name = reader.GetString(1),
        Type = (TaskType)reader.GetInt16(2),
        Data = reader.GetPayload(3),
        Crontab = reader.GetString(4),
        LoopTime = TimeSpan.FromSeconds(reader.GetInt64(5)),
        LoopCount = reader.GetInt64(6),
        StartTime = UnixSeconds.ToTime(reader.GetNullableInt64(7)),
        EndTime = UnixSeconds.ToTime(reader.GetNullableInt64(8)),
        MaxRuntime = TimeSpan.FromSeconds(reader.GetInt64(9)),
        Ack = reader.GetBoolean(10),
        TimeZone = reader.GetString(11),
        State = TaskStates.Parse(reader.GetString(12)),
        FiredCount = reader.GetInt64(13),
        NextFireAt = reader.GetNullableInt64(14) is { } next ? UnixTime.FromUnixMs(next) : null,
        CreatedAt = DateTimeOffset.FromUnixTimeSeconds(reader.GetInt64(15)),
        Version = reader.GetInt64(16),
        FinishedAt = reader.GetNullableInt64(17) is { } finished ? UnixTime.FromUnixMs(finished) : null,
    };

    /// <summary>Binds every column <see cref="TaskCommands.Revise"/> takes (and a few it does not); <paramref name="payload"/> is the task's data as stored.</summary>
    public static NpgsqlCommand BindRevise(NpgsqlCommand command, ScheduledTask task, byte[] payload) => command
        .With("@id", task.Id)
        .With("@data", payload)
        .With("@crontab", task.Crontab)
        .With("@loopTime", UnixSeconds.Of(task.LoopTime))
        .With("@loopCount", task.LoopCount)
        .With("@startTime", UnixSeconds.Of(task.StartTime))
        .With("@endTime", UnixSeconds.Of(task.EndTime))
        .With("@maxRuntime", UnixSeconds.Of(task.MaxRuntime))
        .With("@ack", task.Ack)
        .With("@timeZone", task.TimeZone)
        .With("@state", task.State.ToWire())
        .With("@firedCount", task.FiredCount)
        .With("@nextFireAt", task.NextFireAt.ToUnixMs())
        .With("@version", task.Version)
        .With("@finishedAt", task.FinishedAt.ToUnixMs());
}
