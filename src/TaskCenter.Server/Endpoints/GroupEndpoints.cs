using TaskCenter.Core.Push;
using TaskCenter.Core.Queue;
using TaskCenter.Server.Composition;
using TaskCenter.Server.Push;
using TaskCenter.Contracts;
using TaskCenter.Server.Wire;
using TaskCenter.Server.Http;
using TaskCenter.Server.OpenApi;
using TaskCenter.Server.Overview;
using TaskCenter.Server.Security;

namespace TaskCenter.Server.Endpoints;

/// <summary>
/// Consumer groups as a resource: declare one (with a push target, or not), read one, list the built-in queue's, delete
/// one. A pull group is also made by the first consume that names it; deleting a group makes room under the group
/// limits (Limits:MaxGroups, MaxGroupsPerKey; Push:MaxGroups).
/// </summary>
public static class GroupEndpoints
{
    private const int DefaultLimit = 100;
    private const int MaxLimit = 1000;

    public static RouteGroupBuilder MapGroupEndpoints(this RouteGroupBuilder api)
    {
        var groups = api.MapGroup("/groups");
        groups.MapGet("", ListAsync).AddEndpointFilter(QueueEndpoints.BuiltInQueueOnlyAsync).RequireAuthorization(AccessPolicies.View)
            .Documented<GroupsResponse>("List consumer groups", description: "By name: subscription, owner key, backlog (as last counted for the overview).")
            .WithQuery(
                ("limit", false, "At most this many, 1 to 1000; default 100."),
                ("after", false, "Paging: the next of the previous page (a group name)."));
        groups.MapPut("/{group}", GroupDeclarations.PutAsync).RequireAuthorization(AccessPolicies.Admin)
            .Documented<GroupDeclarationResponse>(
                "Declare a consumer group",
                typeof(PutGroupRequest),
                "Sets the group's subscription and, with push, makes it a push group: the server POSTs its messages to the " +
                "target, signed (Standard Webhooks). 201 when a push group is new; its generated secret is in that answer only.")
            .Produces<GroupDeclarationResponse>(StatusCodes.Status201Created);
        groups.MapGet("/{group}", GroupDeclarations.GetAsync).RequireAuthorization(AccessPolicies.View)
            .Documented<GroupDeclarationResponse>("Read a consumer group", description: "Its subscription and push target (never the secret).");
        groups.MapDelete("/{group}", DeleteAsync).RequireAuthorization(AccessPolicies.Admin)
            .Documented<GroupRemovedResponse>(
                "Delete a consumer group",
                description: "Its push target, subscription, messages not acked yet and dead letters are gone for good " +
                "(consumers still polling a pull group make it again).");
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

    private static async Task<IResult> DeleteAsync(
        string group, BuiltInQueue queue, Backends backends, IPushGroupStore pushGroups, PushGroupRegistry registry, RequestScope scope, CancellationToken ct)
    {
        var name = scope.RequireGroup(QueueEndpoints.Group(group));
        var pushGroup = await pushGroups.GetAsync(name, ct);
        if (pushGroup is not null)
        {
            await pushGroups.DeleteAsync(name, ct);
            await registry.RefreshAsync(ct);
        }

        var removed = backends.Delivery == DeliveryTransport.BuiltIn ? await queue.DeleteGroupAsync(name, ct) : null;
        if (removed is null && pushGroup is null)
        {
            throw ApiException.NotFound($"no consumer group {name}");
        }

        return Results.Json(
            new GroupRemovedResponse(name, removed?.Subscription?.Expression ?? pushGroup?.Tags.Expression, removed?.Pending ?? 0, removed?.DeadLetters ?? 0),
            ServerJson.Responses.GroupRemovedResponse);
    }
}
