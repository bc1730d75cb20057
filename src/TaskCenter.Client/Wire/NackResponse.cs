using System.Text.Json.Serialization;

namespace TaskCenter.Client.Wire;

/// <summary>Answer of <c>POST /v1/api/nack</c>.</summary>
internal sealed class NackResponse
{
    [JsonPropertyName("msgid")] public string? MsgId { get; init; }
    [JsonPropertyName("result")] public string? Result { get; init; }
    [JsonPropertyName("retry_at")] public long? RetryAt { get; init; }
}
