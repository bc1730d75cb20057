using System.Text.Json.Serialization;

namespace TaskCenter.Client.Wire;

/// <summary>Body of <c>POST /v1/api/ack</c>.</summary>
internal sealed class AckRequest
{
    [JsonPropertyName("group")] public required string Group { get; init; }
    [JsonPropertyName("msgids")] public required IReadOnlyList<string> MsgIds { get; init; }
}
