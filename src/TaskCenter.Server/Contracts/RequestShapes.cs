using System.ComponentModel;
using System.Text.Json.Serialization;

namespace TaskCenter.Server.Contracts;

// The request bodies as the OpenAPI document describes them. The endpoints read bodies strictly field by field
// (Http/JsonBody) to name the field in every error; these records only document that wire shape.

[Description("A task: type 1 fires once, 2 every loop_time seconds, 3 on its crontab.")]
public sealed record AddTaskRequest(
    [property: JsonPropertyName("name"), Description("The routing tag consumers subscribe to.")] string Name,
    [property: JsonPropertyName("type"), Description("1 one-shot, 2 interval, 3 crontab.")] int Type,
    [property: JsonPropertyName("data"), Description("The payload, delivered as given.")] string Data,
    [property: JsonPropertyName("crontab"), Description("Type 3: crontab(5), 6 fields with seconds, or @daily etc.")] string? Crontab = null,
    [property: JsonPropertyName("loop_time"), Description("Type 2: seconds between fires.")] long? LoopTime = null,
    [property: JsonPropertyName("loop_count"), Description("Types 2 and 3: most fires; 0 = unlimited.")] long? LoopCount = null,
    [property: JsonPropertyName("start_time"), Description("No fire before this time, unix seconds.")] long? StartTime = null,
    [property: JsonPropertyName("end_time"), Description("No fire after this time, unix seconds.")] long? EndTime = null,
    [property: JsonPropertyName("max_runtime"), Description("Seconds a consumer may hold one message before it is delivered again.")] long? MaxRuntime = null,
    [property: JsonPropertyName("ack"), Description("The handler acknowledges explicitly.")] bool? Ack = null,
    [property: JsonPropertyName("timezone"), Description("IANA zone the crontab is read in; default UTC.")] string? TimeZone = null);

public sealed record DeleteTasksRequest([property: JsonPropertyName("ids"), Description("Task ids, at most 1000.")] IReadOnlyList<string> Ids);

public sealed record DeleteTasksByNameRequest([property: JsonPropertyName("name")] string Name);

public sealed record ConsumeRequestBody(
    [property: JsonPropertyName("group"), Description("The consumer group.")] string Group,
    [property: JsonPropertyName("tags"), Description("\"*\", or tags and prefixes joined by ||, as in \"invoice || billing.*\"; default \"*\". At most Limits:MaxTagsPerSubscription (256) of them, Limits:MaxTagExpressionLength (8192) characters.")] string? Tags = null,
    [property: JsonPropertyName("max"), Description("Most messages, 1 to 1000; default 1.")] int? Max = null,
    [property: JsonPropertyName("wait_ms"), Description("Long-poll wait, 0 to 60000 ms; default 0.")] long? WaitMs = null,
    [property: JsonPropertyName("lease_ms"), Description("Lease of each message, 1000 ms to 12 h; default Queue:DefaultLease.")] long? LeaseMs = null);

public sealed record AckRequest(
    [property: JsonPropertyName("group")] string Group,
    [property: JsonPropertyName("msgids"), Description("At most 1000, each handed out to the group: one that never was makes the call a 409 and nothing is acked.")] IReadOnlyList<string> MsgIds);

public sealed record NackRequest(
    [property: JsonPropertyName("group")] string Group,
    [property: JsonPropertyName("msgid")] string MsgId,
    [property: JsonPropertyName("error"), Description("Why the handler failed; kept with the message.")] string? Error = null);

public sealed record DeadLetterSelection(
    [property: JsonPropertyName("group")] string Group,
    [property: JsonPropertyName("msgids"), Description("The dead letters to act on, at most 1000; all of the group's when absent.")] IReadOnlyList<string>? MsgIds = null);

public sealed record AddTasksRequest(
    [property: JsonPropertyName("tasks"), Description("The tasks, as POST /task takes them; at most 1000. All are added or none.")] IReadOnlyList<AddTaskRequest> Tasks);

[Description("The fields to change; absent = unchanged. Name and type cannot change. start_time or end_time 0 removes it.")]
public sealed record UpdateTaskRequest(
    [property: JsonPropertyName("data")] string? Data = null,
    [property: JsonPropertyName("crontab")] string? Crontab = null,
    [property: JsonPropertyName("loop_time")] long? LoopTime = null,
    [property: JsonPropertyName("loop_count")] long? LoopCount = null,
    [property: JsonPropertyName("start_time")] long? StartTime = null,
    [property: JsonPropertyName("end_time")] long? EndTime = null,
    [property: JsonPropertyName("timezone")] string? TimeZone = null,
    [property: JsonPropertyName("max_runtime")] long? MaxRuntime = null,
    [property: JsonPropertyName("ack")] bool? Ack = null);
