using System.Text.Json.Serialization;

namespace TaskCenter.Client.Wire;

/// <summary>Source-generated serialization of the wire types; null members are omitted when writing.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(AddTaskRequest))]
[JsonSerializable(typeof(AddTaskResponse))]
[JsonSerializable(typeof(DeleteTasksRequest))]
[JsonSerializable(typeof(DeleteTasksByNameRequest))]
[JsonSerializable(typeof(DeleteTasksResponse))]
[JsonSerializable(typeof(TaskDto))]
[JsonSerializable(typeof(List<TaskDto>))]
[JsonSerializable(typeof(Dictionary<string, long>))]
[JsonSerializable(typeof(CrontabNextResponse))]
[JsonSerializable(typeof(ConsumeRequestDto))]
[JsonSerializable(typeof(ConsumeResponse))]
[JsonSerializable(typeof(AckRequest))]
[JsonSerializable(typeof(AckResponse))]
[JsonSerializable(typeof(NackRequest))]
[JsonSerializable(typeof(NackResponse))]
[JsonSerializable(typeof(DeadLettersResponse))]
[JsonSerializable(typeof(DeadLetterBatchRequest))]
[JsonSerializable(typeof(DeadLetterBatchResponse))]
[JsonSerializable(typeof(ErrorResponse))]
internal sealed partial class TaskCenterJsonContext : JsonSerializerContext;
