using System.Text.Json.Serialization;

namespace TaskCenter.Server.Contracts;

/// <summary>A crontab's next fire times (unix seconds), and the zone it is read in, for showing them.</summary>
public sealed record CrontabNextResponse(
    [property: JsonPropertyName("times")] IReadOnlyList<long> Times,
    [property: JsonPropertyName("timezone")] string TimeZone);
