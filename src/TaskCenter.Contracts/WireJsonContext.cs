using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace TaskCenter.Contracts;

/// <summary>
/// Source-generated serialisation of every shape of the HTTP API, for the server, the SDK and the OpenAPI document alike.
/// Each side brings its own options (the server's encoder, the SDK's omitted nulls) and takes its metadata from here.
/// A field always present in an answer is a constructor parameter or a <c>required</c> member (the document lists it as
/// required); one left out when null (<c>JsonIgnoreCondition.WhenWritingNull</c>) has a default instead.
/// </summary>
[JsonSerializable(typeof(AddTaskRequest))]
[JsonSerializable(typeof(AddTasksRequest))]
[JsonSerializable(typeof(UpdateTaskRequest))]
[JsonSerializable(typeof(DeleteTasksRequest))]
[JsonSerializable(typeof(DeleteTasksByNameRequest))]
[JsonSerializable(typeof(ConsumeRequestBody))]
[JsonSerializable(typeof(AckRequest))]
[JsonSerializable(typeof(NackRequest))]
[JsonSerializable(typeof(DeadLetterSelection))]
[JsonSerializable(typeof(ErrorResponse))]
[JsonSerializable(typeof(AddTaskResponse))]
[JsonSerializable(typeof(AddTasksResponse))]
[JsonSerializable(typeof(TaskResponse))]
[JsonSerializable(typeof(IReadOnlyList<TaskResponse>))]
[JsonSerializable(typeof(TaskListResponse))]
[JsonSerializable(typeof(DeleteTasksResponse))]
[JsonSerializable(typeof(TriggerResponse))]
[JsonSerializable(typeof(NextFiresResponse))]
[JsonSerializable(typeof(FireHistoryResponse))]
[JsonSerializable(typeof(CrontabNextResponse))]
[JsonSerializable(typeof(IReadOnlyDictionary<string, long>))]
[JsonSerializable(typeof(ConsumeResponse))]
[JsonSerializable(typeof(AckResponse))]
[JsonSerializable(typeof(NackResponse))]
[JsonSerializable(typeof(MsgIdsResponse))]
[JsonSerializable(typeof(DeadLettersResponse))]
[JsonSerializable(typeof(GroupsResponse))]
[JsonSerializable(typeof(GroupRemovedResponse))]
[JsonSerializable(typeof(PutGroupRequest))]
[JsonSerializable(typeof(GroupDeclarationResponse))]
[JsonSerializable(typeof(OverviewResponse))]
[JsonSerializable(typeof(HealthResponse))]
internal sealed partial class WireJsonContext : JsonSerializerContext
{
    /// <summary>
    /// The metadata as a reader takes it: a field the contract requires may be missing. The server names a missing field
    /// itself (its 400 says which and why); the SDK reads what a server older than a field sends.
    /// </summary>
    public static IJsonTypeInfoResolver Lenient => field ??= Default.WithAddedModifier(static info =>
    {
        foreach (var property in info.Properties)
        {
            property.IsRequired = false;
        }
    });
}
