using Microsoft.Data.Sqlite;
using TaskCenter.Core.Tasks;
using TaskCenter.Storage.Sqlite.Database;

namespace TaskCenter.Storage.Sqlite.TaskStore;

/// <summary>Maps task rows to and from <see cref="ScheduledTask"/> (columns in the order of TaskCommands.Columns).</summary>
internal static class TaskRowMapper
{
    public static ScheduledTask Read(SqliteDataReader reader) => new()
    {
        Id = reader.GetString(0),
        Name = reader.GetString(1),
        Type = (TaskType)reader.GetInt32(2),
        Data = reader.GetString(3),
        Crontab = reader.GetString(4),
        LoopTime = TimeSpan.FromSeconds(reader.GetInt64(5)),
        LoopCount = reader.GetInt64(6),
        StartTime = UnixSeconds.ToTime(reader.GetNullableInt64(7)),
        EndTime = UnixSeconds.ToTime(reader.GetNullableInt64(8)),
        MaxRuntime = TimeSpan.FromSeconds(reader.GetInt64(9)),
        Ack = reader.GetInt64(10) != 0,
        TimeZone = reader.GetString(11),
        State = TaskStates.Parse(reader.GetString(12)),
        FiredCount = reader.GetInt64(13),
        NextFireAt = reader.GetNullableInt64(14) is { } next ? UnixTime.FromUnixMs(next) : null,
        CreatedAt = DateTimeOffset.FromUnixTimeSeconds(reader.GetInt64(15)),
        Version = reader.GetInt64(16),
        FinishedAt = reader.GetNullableInt64(17) is { } finished ? UnixTime.FromUnixMs(finished) : null,
    };

    /// <summary>Binds every column of <see cref="TaskCommands.Insert"/>.</summary>
    public static SqliteCommand BindInsert(SqliteCommand command, ScheduledTask task, long dataHash) => command
        .With("@id", task.Id)
        .With("@name", task.Name)
        .With("@type", (int)task.Type)
        .With("@data", task.Data)
        .With("@dataHash", dataHash)
        .With("@crontab", task.Crontab)
        .With("@loopTime", UnixSeconds.Of(task.LoopTime))
        .With("@loopCount", task.LoopCount)
        .With("@startTime", UnixSeconds.Of(task.StartTime))
        .With("@endTime", UnixSeconds.Of(task.EndTime))
        .With("@maxRuntime", UnixSeconds.Of(task.MaxRuntime))
        .With("@ack", task.Ack ? 1 : 0)
        .With("@timeZone", task.TimeZone)
        .With("@state", task.State.ToWire())
        .With("@firedCount", task.FiredCount)
        .With("@nextFireAt", task.NextFireAt.ToUnixMs())
        .With("@createdAt", UnixSeconds.Of(task.CreatedAt))
        .With("@version", task.Version)
        .With("@finishedAt", task.FinishedAt.ToUnixMs());
}
