using TaskCenter.Core.Alerts;
using TaskCenter.Server.Contracts;
using TaskCenter.Server.OpenApi;
using TaskCenter.Server.Security;

namespace TaskCenter.Server.Endpoints;

/// <summary>The original's <c>/task/stat</c>: this minute's fires per name and in total.</summary>
public static class StatEndpoints
{
    public static RouteGroupBuilder MapStatEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/task/stat", (FireRateAlerts alerts) =>
            Results.Json(alerts.CurrentMinute(), ServerJsonContext.Wire.IReadOnlyDictionaryStringInt64))
            .RequireAuthorization(AccessPolicies.View)
            .Documented<IReadOnlyDictionary<string, long>>("This minute's fires per task name, and in total under \"total\"");
        return api;
    }
}
