using System.Text.Json.Serialization;

namespace TaskCenter.Contracts;

/// <summary>The extra fire a trigger recorded.</summary>
internal sealed record TriggerResponse(
    [property: JsonPropertyName("taskid")] string TaskId,
    [property: JsonPropertyName("msgid")] string MsgId,
    [property: JsonPropertyName("fire_time_ms")] long FireTimeMs);
