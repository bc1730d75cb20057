using System.Text.Json.Serialization;

namespace TaskCenter.Client.Wire;

/// <summary>Answer of <c>GET /v1/api/crontab/next</c>.</summary>
internal sealed class CrontabNextResponse
{
    [JsonPropertyName("times")] public List<long>? Times { get; init; }
    [JsonPropertyName("timezone")] public string? TimeZone { get; init; }
}
