using TaskCenter.Core.Delivery;
using TaskCenter.Core.Queue;
using TaskCenter.Contracts;
using TaskCenter.Server.Wire;
using TaskCenter.Server.Http;
using TaskCenter.Server.OpenApi;
using TaskCenter.Server.Security;

namespace TaskCenter.Server.Endpoints;

/// <summary>Messages that used up their retries: list, redrive, purge.</summary>
public static class DeadLetterEndpoints
{
    private const int DefaultLimit = 100;
    private const int MaxLimit = 1000;

    public static RouteGroupBuilder MapDeadLetterEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/dead-letters", ListAsync).RequireAuthorization(AccessPolicies.View)
            .Documented<DeadLettersResponse>("List a group's dead letters", description: "Oldest fire first.")
            .WithQuery(
                ("group", true, "The consumer group."),
                ("limit", false, "At most this many, 1 to 1000; default 100."),
                ("after", false, "Paging: the msgid of the last dead letter of the previous page."));
        api.MapPost("/dead-letters/redrive", async (HttpRequest request, IDeadLetterRedrive redrive, RequestScope scope, CancellationToken ct) =>
        {
            var (group, msgIds) = await ReadSelectionAsync(request, scope, ct);
            return Ids(await redrive.RedriveAsync(group, msgIds, ct));
        }).RequireAuthorization(AccessPolicies.Admin)
            .Documented<MsgIdsResponse>("Redrive dead letters", typeof(DeadLetterSelection), "Sends dead letters back to their group with a fresh retry budget.");
        api.MapPost("/dead-letters/purge", async (HttpRequest request, BuiltInQueue queue, RequestScope scope, CancellationToken ct) =>
        {
            var (group, msgIds) = await ReadSelectionAsync(request, scope, ct);
            return Ids(await queue.PurgeDeadLettersAsync(group, msgIds, ct));
        }).RequireAuthorization(AccessPolicies.Admin)
            .Documented<MsgIdsResponse>("Purge dead letters", typeof(DeadLetterSelection), "Deletes dead letters for good.");
        return api;
    }

    private static async Task<IResult> ListAsync(HttpRequest request, BuiltInQueue queue, RequestScope scope, CancellationToken ct)
    {
        var group = scope.RequireGroup(QueueEndpoints.Group(request.RequiredQueryText("group")));
        var limit = request.QueryWholeNumber("limit") ?? DefaultLimit;
        if (limit is < 1 or > MaxLimit)
        {
            throw ApiException.BadRequest($"limit must be between 1 and {MaxLimit}, got {limit}");
        }

        var letters = await queue.ListDeadLettersAsync(group, (int)limit, request.QueryText("after"), ct);
        return Results.Json(new DeadLettersResponse(letters.Select(WireMapper.ToWire).ToList()), ServerJson.Responses.DeadLettersResponse);
    }

    private static async Task<(string Group, IReadOnlyList<string>? MsgIds)> ReadSelectionAsync(
        HttpRequest request, RequestScope scope, CancellationToken ct)
    {
        var body = await JsonBody.ReadAsync<DeadLetterSelection>(request, ct);
        return (scope.RequireGroup(QueueEndpoints.Group(body.Group)), QueueEndpoints.MsgIds(body.MsgIds));
    }

    private static IResult Ids(IReadOnlyList<string> ids) =>
        Results.Json(new MsgIdsResponse(ids), ServerJson.Responses.MsgIdsResponse);
}
