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
[JsonSerializable(typeof(HealthResponse))]
[JsonSerializable(typeof(IReadOnlyDictionary<string, long>))]
public sealed partial class ServerJsonContext : JsonSerializerContext;
