using TaskCenter.Core.Queue;
using TaskCenter.Contracts;
using TaskCenter.Server.Wire;
using TaskCenter.Server.Http;
using TaskCenter.Server.OpenApi;
using TaskCenter.Server.Overview;
using TaskCenter.Server.Security;

namespace TaskCenter.Server.Endpoints;

/// <summary>
/// The built-in queue's consumer groups as a resource: list them, delete one. A group is made by the first consume
/// that names it; deleting it makes room under the group limits (Limits:MaxGroups, MaxGroupsPerKey).
/// </summary>
public static class GroupEndpoints
{
    private const int DefaultLimit = 100;
    private const int MaxLimit = 1000;

    public static RouteGroupBuilder MapGroupEndpoints(this RouteGroupBuilder api)
    {
        var groups = api.MapGroup("/groups").AddEndpointFilter(QueueEndpoints.BuiltInQueueOnlyAsync);
        groups.MapGet("", ListAsync).RequireAuthorization(AccessPolicies.View)
            .Documented<GroupsResponse>("List consumer groups", description: "By name: subscription, owner key, backlog (as last counted for the overview).")
            .WithQuery(
                ("limit", false, "At most this many, 1 to 1000; default 100."),
                ("after", false, "Paging: the next of the previous page (a group name)."));
        groups.MapDelete("/{group}", DeleteAsync).RequireAuthorization(AccessPolicies.Admin)
            .Documented<GroupRemovedResponse>(
                "Delete a consumer group",
                description: "Its subscription, its messages not acked yet and its dead letters are gone for good " +
                "(consumers still polling it make it again).");
        return api;
    }

    private static async Task<IResult> ListAsync(
        HttpRequest request, BuiltInQueue queue, TaskCensusCache census, RequestScope scope, CancellationToken ct)
    {
        var limit = request.QueryWholeNumber("limit") ?? DefaultLimit;
        if (limit is < 1 or > MaxLimit)
        {
            throw ApiException.BadRequest($"limit must be between 1 and {MaxLimit}, got {limit}");
        }

        var groups = await queue.ListGroupsAsync(request.QueryText("after"), (int)limit, scope.Scopes.Groups.Matches, ct);
        var counted = await census.GetAsync(ct);
        var backlogs = counted.Census.Groups.ToDictionary(g => g.Group, StringComparer.Ordinal);
        return Results.Json(
            new GroupsResponse(
                [.. groups.Select(group =>
                {
                    var backlog = backlogs.GetValueOrDefault(group.Name);
                    return new GroupResponse
                    {
                        Group = group.Name,
                        Subscription = group.Subscription.Expression,
                        Owner = group.Owner,
                        SubscribedAtMs = group.SubscribedAt.ToUnixTimeMilliseconds(),
                        Ready = backlog?.Ready ?? 0,
                        Leased = backlog?.Leased ?? 0,
                        Dead = backlog?.Dead ?? 0,
                    };
                })],
                counted.CountedAt.ToUnixTimeMilliseconds(),
                groups.Count == limit ? groups[^1].Name : null),
            ServerJson.Responses.GroupsResponse);
    }

    private static async Task<IResult> DeleteAsync(string group, BuiltInQueue queue, RequestScope scope, CancellationToken ct)
    {
        var name = scope.RequireGroup(QueueEndpoints.Group(group));
        var removed = await queue.DeleteGroupAsync(name, ct) ?? throw ApiException.NotFound($"no consumer group {name}");
        return Results.Json(
            new GroupRemovedResponse(name, removed.Subscription?.Expression, removed.Pending, removed.DeadLetters),
            ServerJson.Responses.GroupRemovedResponse);
    }
}
