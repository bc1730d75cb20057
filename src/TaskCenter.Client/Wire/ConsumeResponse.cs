using System.Text.Json.Serialization;

namespace TaskCenter.Client.Wire;

/// <summary>Answer of <c>POST /v1/api/consume</c>.</summary>
internal sealed class ConsumeResponse
{
    [JsonPropertyName("messages")] public List<MessageDto>? Messages { get; init; }
}
