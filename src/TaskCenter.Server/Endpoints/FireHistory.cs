using Microsoft.Extensions.Options;
using TaskCenter.Core.Push;
using TaskCenter.Core.Queue;
using TaskCenter.Core.Storage;
using TaskCenter.Server.Composition;
using TaskCenter.Contracts;
using TaskCenter.Server.Wire;
using TaskCenter.Server.Http;
using TaskCenter.Server.Push;
using TaskCenter.Server.Security;

namespace TaskCenter.Server.Endpoints;

/// <summary><c>GET /tasks/{id}/fires</c>: what became of a task's fires, latest first.</summary>
internal static class FireHistory
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 500;

    public static async Task<IResult> ListAsync(
        string id,
        HttpRequest request,
        ITaskReader reader,
        IPushGroupStore pushGroups,
        RequestScope scope,
        Backends backends,
        IOptions<QueueOptions> queue,
        CancellationToken ct)
    {
        var taskId = TaskManagementEndpoints.TaskId(id);
        var limit = request.QueryWholeNumber("limit") ?? DefaultLimit;
        if (limit is < 1 or > MaxLimit)
        {
            throw ApiException.BadRequest($"limit must be between 1 and {MaxLimit}, got {limit}");
        }

        var before = request.QueryWholeNumber("before") switch
        {
            null => (DateTimeOffset?)null,
            >= 0 and <= 253_402_300_799_999 and var ms => DateTimeOffset.FromUnixTimeMilliseconds(ms),
            _ => throw ApiException.BadRequest("before must be a unix time in milliseconds"),
        };

        if (await reader.GetAsync(taskId, ct) is null)
        {
            throw ApiException.NotFound($"no task with taskid {id}");
        }

        // One more than asked tells whether there is a next page. A task's fire times are unique: paging by them is exact.
        var fires = await reader.GetFireHistoryAsync(taskId, (int)limit + 1, before, ct);
        // A scoped key sees the deliveries of its own groups only: other groups' states and errors are their teams'.
        var page = fires.Take((int)limit)
            .Select(fire => scope.IsUnscoped ? fire : fire with { Deliveries = [.. fire.Deliveries.Where(d => scope.Scopes.Groups.Matches(d.Group))] })
            .ToList();
        var pushes = (await pushGroups.ListAttemptsAsync([.. page.Select(fire => fire.MsgId)], ct))
            .Where(push => scope.IsUnscoped || scope.Scopes.Groups.Matches(push.Group))
            .ToLookup(push => (push.MsgId, push.Group));
        if (backends.Delivery != DeliveryTransport.BuiltIn)
        {
            // The broker holds a push group's messages: its deliveries are told by its push attempts.
            var pushGroupNames = pushes.Select(attempts => attempts.Key.Group).Distinct(StringComparer.Ordinal).ToList();
            page = [.. page.Select(fire => PushedDelivery.WithPushes(fire, pushes, pushGroupNames))];
        }

        var next = fires.Count > limit ? page[^1].FireTime.ToUnixTimeMilliseconds() : (long?)null;
        return Results.Json(
            new FireHistoryResponse(
                [.. page.Select(fire => WireMapper.ToWire(fire, pushes))],
                next,
                backends.Delivery == DeliveryTransport.BuiltIn ? queue.Value.MaxAttempts : null),
            ServerJson.Responses.FireHistoryResponse);
    }
}
