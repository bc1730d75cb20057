using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace TaskCenter.Server.Contracts;

/// <summary>Source-generated serialisation of every response shape.</summary>
[JsonSerializable(typeof(ErrorResponse))]
[JsonSerializable(typeof(AddTaskResponse))]
[JsonSerializable(typeof(TaskResponse))]
[JsonSerializable(typeof(IReadOnlyList<TaskResponse>))]
[JsonSerializable(typeof(DeleteTasksResponse))]
[JsonSerializable(typeof(CrontabNextResponse))]
[JsonSerializable(typeof(ConsumeResponse))]
[JsonSerializable(typeof(AckResponse))]
[JsonSerializable(typeof(NackResponse))]
[JsonSerializable(typeof(MsgIdsResponse))]
[JsonSerializable(typeof(DeadLettersResponse))]
[JsonSerializable(typeof(GroupsResponse))]
[JsonSerializable(typeof(GroupRemovedResponse))]
[JsonSerializable(typeof(HealthResponse))]
[JsonSerializable(typeof(HealthCheckResponse))]
[JsonSerializable(typeof(IReadOnlyDictionary<string, long>))]
[JsonSerializable(typeof(TaskListResponse))]
[JsonSerializable(typeof(AddTasksResponse))]
[JsonSerializable(typeof(TriggerResponse))]
[JsonSerializable(typeof(NextFiresResponse))]
[JsonSerializable(typeof(FireHistoryResponse))]
[JsonSerializable(typeof(OverviewResponse))]
public sealed partial class ServerJsonContext : JsonSerializerContext
{
    /// <summary>
    /// The context responses are written with. Payloads go out as users sent them: quotes, apostrophes and non-ASCII
    /// text are not turned into \uXXXX escapes (these are JSON responses, never embedded in HTML).
    /// </summary>
    public static ServerJsonContext Wire { get; } = new(new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
}
