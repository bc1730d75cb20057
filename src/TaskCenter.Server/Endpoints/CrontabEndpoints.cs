using TaskCenter.Core.Scheduling;
using TaskCenter.Contracts;
using TaskCenter.Server.Wire;
using TaskCenter.Server.Http;
using TaskCenter.Server.OpenApi;
using TaskCenter.Server.Security;

namespace TaskCenter.Server.Endpoints;

/// <summary>Cron preview: users check a schedule before they commit to it.</summary>
public static class CrontabEndpoints
{
    private const int DefaultCount = 5;
    private const int MaxCount = 100;

    public static RouteGroupBuilder MapCrontabEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/crontab/next", Next).RequireAuthorization(AccessPolicies.ReadTasks)
            .Documented<CrontabNextResponse>("Next fire times of a crontab", description: "The next fire times (unix seconds) and the zone the crontab is read in.")
            .WithQuery(
                ("crontab", true, "The crontab."),
                ("timezone", false, "IANA zone it is read in; default UTC."),
                ("count", false, "How many times; default 5."),
                ("from", false, "Times strictly after this, unix seconds; default now."));
        return api;
    }

    private static IResult Next(HttpRequest request, TimeProvider time)
    {
        var expression = request.RequiredQueryText("crontab");
        if (!Crontab.TryParse(expression, out var crontab, out var error))
        {
            throw ApiException.BadRequest($"crontab {error}");
        }

        var zoneId = request.QueryText("timezone") is { Length: > 0 } z ? z : "UTC";
        if (!TimeZones.TryFind(zoneId, out var zone))
        {
            throw ApiException.BadRequest($"timezone '{zoneId}' is not a known IANA time zone (e.g. UTC, Europe/Berlin)");
        }

        var count = request.QueryWholeNumber("count") ?? DefaultCount;
        if (count is < 1 or > MaxCount)
        {
            throw ApiException.BadRequest($"count must be between 1 and {MaxCount}, got {count}");
        }

        var from = request.QueryWholeNumber("from") is { } seconds
            ? FromUnix(seconds)
            : time.GetUtcNow();

        var times = new List<long>((int)count);
        var cursor = from;
        while (times.Count < count && crontab.GetNextOccurrence(cursor, zone) is { } next)
        {
            times.Add(next.ToUnixTimeSeconds());
            cursor = next;
        }

        return Results.Json(new CrontabNextResponse(times, crontab.ReadIn(zone).Id), ServerJson.Responses.CrontabNextResponse);
    }

    private static DateTimeOffset FromUnix(long seconds)
    {
        // The years Cronos computes in, with room to step forward.
        const long min = 0, max = 253_402_300_799 - (400L * 366 * 86400);
        return seconds is >= min and <= max
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : throw ApiException.BadRequest("from must be a unix time in seconds between 1970 and 9599");
    }
}
