using System.ComponentModel;
using System.Text.Json.Serialization;

namespace TaskCenter.Contracts;

// Request bodies (IRequestBody): null = not sent; `required` = the server refuses the request without it.

[Description("A task: type 1 fires once, 2 every loop_time seconds, 3 on its crontab.")]
internal sealed record AddTaskRequest : IRequestBody
{
    [JsonPropertyName("name"), Description("The routing tag consumers subscribe to.")]
    public required string? Name { get; init; }

    [JsonPropertyName("type"), Description("1 one-shot, 2 interval, 3 crontab.")]
    public required long? Type { get; init; }

    [JsonPropertyName("data"), Description("The payload, delivered as given.")]
    public required string? Data { get; init; }

    [JsonPropertyName("crontab"), Description("Type 3: crontab(5), 6 fields with seconds, or @daily etc.")]
    public string? Crontab { get; init; }

    [JsonPropertyName("loop_time"), Description("Type 2: seconds between fires.")]
    public long? LoopTime { get; init; }

    [JsonPropertyName("loop_count"), Description("Types 2 and 3: most fires; 0 = unlimited.")]
    public long? LoopCount { get; init; }

    [JsonPropertyName("start_time"), Description("No fire before this time, unix seconds.")]
    public long? StartTime { get; init; }

    [JsonPropertyName("end_time"), Description("No fire after this time, unix seconds.")]
    public long? EndTime { get; init; }

    [JsonPropertyName("max_runtime"), Description("Seconds a consumer may hold one message before it is delivered again.")]
    public long? MaxRuntime { get; init; }

    [JsonPropertyName("ack"), Description("The handler acknowledges explicitly.")]
    public bool? Ack { get; init; }

    [JsonPropertyName("timezone"), Description("IANA zone the crontab is read in; default UTC.")]
    public string? TimeZone { get; init; }
}

internal sealed record AddTasksRequest : IRequestBody
{
    [JsonPropertyName("tasks"), Description("The tasks, as POST /task takes them; at most 1000. All are added or none.")]
    public required IReadOnlyList<AddTaskRequest>? Tasks { get; init; }
}

[Description("The fields to change; absent = unchanged. Name and type cannot change. start_time or end_time 0 removes it.")]
internal sealed record UpdateTaskRequest : IRequestBody
{
    [JsonPropertyName("data")] public string? Data { get; init; }
    [JsonPropertyName("crontab")] public string? Crontab { get; init; }
    [JsonPropertyName("loop_time")] public long? LoopTime { get; init; }
    [JsonPropertyName("loop_count")] public long? LoopCount { get; init; }
    [JsonPropertyName("start_time")] public long? StartTime { get; init; }
    [JsonPropertyName("end_time")] public long? EndTime { get; init; }
    [JsonPropertyName("timezone")] public string? TimeZone { get; init; }
    [JsonPropertyName("max_runtime")] public long? MaxRuntime { get; init; }
    [JsonPropertyName("ack")] public bool? Ack { get; init; }
}

internal sealed record DeleteTasksRequest : IRequestBody
{
    [JsonPropertyName("ids"), Description("Task ids, at most 1000.")]
    public required IReadOnlyList<string>? Ids { get; init; }
}

internal sealed record DeleteTasksByNameRequest : IRequestBody
{
    [JsonPropertyName("name")] public required string? Name { get; init; }
}
