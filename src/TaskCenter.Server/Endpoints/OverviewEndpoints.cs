using Microsoft.Extensions.Options;
using TaskCenter.Core.Instances;
using TaskCenter.Core.Storage;
using TaskCenter.Core.Tasks;
using TaskCenter.Server.Composition;
using TaskCenter.Contracts;
using TaskCenter.Server.Wire;
using TaskCenter.Server.OpenApi;
using TaskCenter.Server.Overview;
using TaskCenter.Server.Push;
using TaskCenter.Server.Security;

namespace TaskCenter.Server.Endpoints;

/// <summary><c>GET /overview</c>: the dashboard's first page in one call.</summary>
public static class OverviewEndpoints
{
    public static RouteGroupBuilder MapOverviewEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/overview", GetAsync).RequireAuthorization(AccessPolicies.View)
            .Documented<OverviewResponse>("Overview", description: "Tasks by type and state, backlog per group, push groups with their circuits, server instances, fires per minute.");
        return api;
    }

    private static async Task<IResult> GetAsync(
        TaskCensusCache census,
        IInstanceRegistry registry,
        PushGroupRegistry pushGroups,
        ServerInstance self,
        Backends backends,
        TimeProvider time,
        IOptions<OverviewOptions> options,
        RequestScope scope,
        CancellationToken ct)
    {
        var snapshot = await census.GetAsync(ct);
        var counts = snapshot.Census;
        var overview = new OverviewResponse
        {
            Storage = backends.Storage.ToString(),
            Delivery = backends.Delivery.ToString(),
            CountedAtMs = snapshot.CountedAt.ToUnixTimeMilliseconds(),
            Tasks = Tasks(counts.Tasks),
            Groups = [.. counts.Groups.Where(g => scope.Scopes.Groups.Matches(g.Group)).Select(g => new GroupBacklogResponse(g.Group, g.Ready, g.Leased, g.Dead))],
            PushGroups = PushGroups(await pushGroups.ListAsync(ct), scope),
            UnroutedFires = null,
            UnpublishedFires = null,
            Instances = null,
            FiresPerMinute = null,
            Scope = null,
        };
        if (!scope.IsUnscoped)
        {
            var scoped = await census.GetTaskCountsAsync(scope.Scopes.Tasks, ct);
            return Answer(overview with
            {
                CountedAtMs = Math.Min(overview.CountedAtMs, scoped.CountedAt.ToUnixTimeMilliseconds()),
                Tasks = Tasks(scoped.Tasks),
                Scope = new ScopeResponse(Texts(scope.Scopes.Tasks.Patterns), Texts(scope.Scopes.Groups.Patterns)),
            });
        }

        var instances = await registry.ListInstancesAsync(ct);
        var now = time.GetUtcNow();
        var aliveSince = now - (options.Value.HeartbeatInterval * OverviewOptions.MissedBeatsBeforeDown);
        return Answer(overview with
        {
            UnroutedFires = counts.UnroutedFires,
            UnpublishedFires = counts.UnpublishedFires,
            Instances = [.. instances.Select(i => new InstanceResponse
            {
                Id = i.Id,
                Host = i.Host,
                ProcessId = i.ProcessId,
                Version = i.Version,
                StartedAtMs = i.StartedAt.ToUnixTimeMilliseconds(),
                SeenAtMs = i.SeenAt.ToUnixTimeMilliseconds(),
                Health = i.Health,
                Alive = i.SeenAt >= aliveSince,
                Self = i.Id == self.Id,
            })],
            FiresPerMinute = FiresPerMinute(instances, FireMinuteCounter.MinuteOf(now), options.Value.FireMinutes),
        });
    }

    private static IResult Answer(OverviewResponse overview) => Results.Json(overview, ServerJson.Responses.OverviewResponse);

    /// <summary>The push groups the key may see, by name; at most Push:MaxGroups, the most the server holds.</summary>
    private static List<PushGroupStatusResponse> PushGroups(IEnumerable<PushTarget> targets, RequestScope scope) =>
        [.. targets.Where(t => scope.Scopes.Groups.Matches(t.Group.Name)).OrderBy(t => t.Group.Name, StringComparer.Ordinal)
            .Select(t => new PushGroupStatusResponse(t.Group.Name, t.Group.Push.Url, t.CircuitState, t.Circuit.LastError))];

    private static List<TaskCountResponse> Tasks(IEnumerable<TaskCount> counts) =>
        [.. counts.Select(c => new TaskCountResponse((int)c.Type, c.State.ToWire(), c.Count))];

    private static List<string> Texts(IEnumerable<NamePattern> patterns) => [.. patterns.Select(p => p.ToString())];

    /// <summary>The instances' counts summed minute by minute over the last <paramref name="minutes"/> minutes.</summary>
    private static MinuteCountsResponse FiresPerMinute(IReadOnlyList<InstanceHeartbeat> instances, long currentMinute, int minutes)
    {
        var first = currentMinute - minutes + 1;
        var sums = new long[minutes];
        foreach (var instance in instances)
        {
            for (var i = 0; i < instance.Fires.Counts.Count; i++)
            {
                var index = instance.Fires.FirstMinute + i - first;
                if (index >= 0 && index < minutes)
                {
                    sums[index] += instance.Fires.Counts[i];
                }
            }
        }

        return new MinuteCountsResponse(first * 60_000, sums);
    }
}
