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
[JsonSerializable(typeof(TaskListResponse))]
[JsonSerializable(typeof(UpdateTaskRequest))]
[JsonSerializable(typeof(TriggerResponse))]
[JsonSerializable(typeof(NextFiresResponse))]
[JsonSerializable(typeof(FireHistoryResponse))]
[JsonSerializable(typeof(AddTasksRequest))]
[JsonSerializable(typeof(AddTasksResponse))]
[JsonSerializable(typeof(OverviewResponse))]
[JsonSerializable(typeof(ErrorResponse))]
internal sealed partial class TaskCenterJsonContext : JsonSerializerContext;
