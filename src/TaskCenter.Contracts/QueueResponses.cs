using System.Text.Json.Serialization;

namespace TaskCenter.Contracts;

internal sealed record AckResponse([property: JsonPropertyName("acked")] IReadOnlyList<string> Acked);

internal sealed record NackResponse(
    [property: JsonPropertyName("msgid")] string MsgId,
    [property: JsonPropertyName("result")] string Result,
    [property: JsonPropertyName("retry_at"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? RetryAt = null);

internal sealed record MsgIdsResponse([property: JsonPropertyName("msgids")] IReadOnlyList<string> MsgIds);

internal sealed record DeadLetterResponse
{
    [JsonPropertyName("msgid")] public required string MsgId { get; init; }
    [JsonPropertyName("taskid")] public required string TaskId { get; init; }
    [JsonPropertyName("name")] public required string Name { get; init; }
    [JsonPropertyName("data")] public required string Data { get; init; }
    [JsonPropertyName("fire_time")] public required long FireTime { get; init; }
    [JsonPropertyName("attempts")] public required int Attempts { get; init; }
    [JsonPropertyName("last_error")] public required string? LastError { get; init; }
    [JsonPropertyName("dead_at")] public required long DeadAt { get; init; }
}

internal sealed record DeadLettersResponse([property: JsonPropertyName("dead_letters")] IReadOnlyList<DeadLetterResponse> DeadLetters);

