using System.Text.Json.Serialization;

namespace TaskCenter.Client.Wire;

/// <summary>Body of <c>POST /v1/api/nack</c>.</summary>
internal sealed class NackRequest
{
    [JsonPropertyName("group")] public required string Group { get; init; }
    [JsonPropertyName("msgid")] public required string MsgId { get; init; }
    [JsonPropertyName("error")] public string? Error { get; init; }
}
