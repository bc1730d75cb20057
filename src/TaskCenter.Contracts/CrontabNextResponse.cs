using System.Text.Json.Serialization;

namespace TaskCenter.Contracts;

/// <summary>A crontab's next fire times (unix seconds), and the zone it is read in, for showing them.</summary>
internal sealed record CrontabNextResponse(
    [property: JsonPropertyName("times")] IReadOnlyList<long> Times,
    [property: JsonPropertyName("timezone")] string TimeZone);
