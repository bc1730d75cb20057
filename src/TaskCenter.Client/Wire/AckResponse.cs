using System.Text.Json.Serialization;

namespace TaskCenter.Client.Wire;

/// <summary>Answer of <c>POST /v1/api/ack</c>.</summary>
internal sealed class AckResponse
{
    [JsonPropertyName("acked")] public List<string>? Acked { get; init; }
}
