using System.Text.Json.Serialization;

namespace TaskCenter.Client.Wire;

/// <summary>Answer of <c>GET /v1/api/dead-letters</c>.</summary>
internal sealed class DeadLettersResponse
{
    [JsonPropertyName("dead_letters")] public List<DeadLetterDto>? DeadLetters { get; init; }
}
