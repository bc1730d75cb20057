using System.Text.Json.Serialization;

namespace TaskCenter.Client.Wire;

/// <summary>Body of the dead-letter redrive and purge calls; null <c>msgids</c> is omitted (all messages).</summary>
internal sealed class DeadLetterBatchRequest
{
    [JsonPropertyName("group")] public required string Group { get; init; }
    [JsonPropertyName("msgids")] public IReadOnlyList<string>? MsgIds { get; init; }
}
