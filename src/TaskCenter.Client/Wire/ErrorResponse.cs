using System.Text.Json.Serialization;

namespace TaskCenter.Client.Wire;

/// <summary>Every error body: <c>{"err": status, "msg": "..."}</c>.</summary>
internal sealed class ErrorResponse
{
    [JsonPropertyName("err")] public int? Err { get; init; }
    [JsonPropertyName("msg")] public string? Msg { get; init; }
}
