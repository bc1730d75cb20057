using System.Text.Json.Serialization;

namespace TaskCenter.Client.Wire;

/// <summary>Answer of the dead-letter redrive and purge calls.</summary>
internal sealed class DeadLetterBatchResponse
{
    [JsonPropertyName("msgids")] public List<string>? MsgIds { get; init; }
}
