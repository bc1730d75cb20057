using System.Text.Json.Serialization;
using TaskCenter.Client;

namespace TaskCenter.Cli.Output;

/// <summary>A task in --json output: the task object of <c>GET /v1/api/query-task-by-id</c>, field for field.</summary>
internal sealed record TaskJson(
    [property: JsonPropertyName("_id")] string Id,
    string Name,
    int Type,
    string Data,
    string Crontab,
    long LoopTime,
    long LoopCount,
    long StartTime,
    long EndTime,
    long CreatedAt,
    string Timezone,
    long MaxRuntime,
    bool Ack,
    string State,
    long FiredCount,
    long? NextFireAt,
    long? NextFireAtMs)
{
    public static TaskJson From(TaskInfo task) => new(
        task.Id,
        task.Name,
        (int)task.Type,
        task.Data,
        task.Crontab ?? string.Empty,
        (long)(task.LoopTime?.TotalSeconds ?? 0),
        task.LoopCount,
        task.StartTime?.ToUnixTimeSeconds() ?? 0,
        task.EndTime?.ToUnixTimeSeconds() ?? 0,
        task.CreatedAt.ToUnixTimeSeconds(),
        task.TimeZone ?? string.Empty,
        (long)(task.MaxRuntime?.TotalSeconds ?? 0),
        task.Ack,
        task.State.ToString().ToLowerInvariant(),
        task.FiredCount,
        task.NextFireAt?.ToUnixTimeSeconds(),
        task.NextFireAt?.ToUnixTimeMilliseconds());
}
