using System.Text.Json.Serialization;

namespace TaskCenter.Contracts;

/// <summary>
/// A task's upcoming fires (unix ms), and the zone its crontab is read in, for showing them: the zone of a CRON_TZ=/TZ=
/// prefix, else the task's timezone.
/// </summary>
internal sealed record NextFiresResponse(
    [property: JsonPropertyName("timezone")] string TimeZone,
    [property: JsonPropertyName("times_ms")] IReadOnlyList<long> TimesMs);
