using TaskCenter.Core.Alerts;
using TaskCenter.Contracts;
using TaskCenter.Server.Wire;
using TaskCenter.Server.OpenApi;
using TaskCenter.Server.Security;

namespace TaskCenter.Server.Endpoints;

/// <summary>The original's <c>/task/stat</c>: this minute's fires per name and in total.</summary>
public static class StatEndpoints
{
    public static RouteGroupBuilder MapStatEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/task/stat", (FireRateAlerts alerts, RequestScope scope) =>
            Results.Json(Within(alerts.CurrentMinute(), scope), ServerJson.Responses.IReadOnlyDictionaryStringInt64))
            .RequireAuthorization(AccessPolicies.View)
            .Documented<IReadOnlyDictionary<string, long>>("Fires this minute", description: "This minute's fires per task name, and in total under \"total\".");
        return api;
    }

    /// <summary>A scoped key sees the names in its scope, and their sum as the total.</summary>
    private static IReadOnlyDictionary<string, long> Within(IReadOnlyDictionary<string, long> counts, RequestScope scope)
    {
        if (scope.IsUnscoped)
        {
            return counts;
        }

        var visible = counts.Where(c => c.Key != FireRateAlerts.TotalKey && scope.Scopes.Tasks.Matches(c.Key))
            .ToDictionary(c => c.Key, c => c.Value, StringComparer.Ordinal);
        visible[FireRateAlerts.TotalKey] = visible.Values.Sum();
        return visible;
    }
}
