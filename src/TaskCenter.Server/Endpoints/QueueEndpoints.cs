using Microsoft.Extensions.Options;
using TaskCenter.Core.Limits;
using TaskCenter.Core.Queue;
using TaskCenter.Core.Tasks;
using TaskCenter.Server.Composition;
using TaskCenter.Contracts;
using TaskCenter.Server.Wire;
using TaskCenter.Server.Http;
using TaskCenter.Server.OpenApi;
using TaskCenter.Server.Push;
using TaskCenter.Server.Security;

namespace TaskCenter.Server.Endpoints;

/// <summary>The built-in queue over HTTP: consume (long-poll), ack, nack.</summary>
public static class QueueEndpoints
{
    private const int MaxMessages = 1000;
    private const long MaxWaitMs = 60_000;
    private const long MinLeaseMs = 1_000;
    private const long MaxLeaseMs = 12 * 60 * 60 * 1000;

    /// <summary>Most msgids one call names (ack, redrive, purge).</summary>
    public const int MaxMsgIds = 1000;

    /// <summary>Longest nack <c>error</c>: it is kept with the message (its last error, a dead letter's reason).</summary>
    private const int MaxErrorLength = 8192;

    public static RouteGroupBuilder MapQueueEndpoints(this RouteGroupBuilder api)
    {
        var queue = api.MapGroup("").AddEndpointFilter(BuiltInQueueOnlyAsync).RequireAuthorization(AccessPolicies.Consume);
        queue.MapPost("/consume", ConsumeAsync).RequireConsumeSlot()
            .Documented<ConsumeResponse>("Consume messages", typeof(ConsumeRequestBody), "Long-polls a group's messages from the built-in queue and subscribes the group to the tags.");
        queue.MapPost("/ack", AckAsync)
            .Documented<AckResponse>("Acknowledge messages", typeof(AckRequest), "Returns those the group held.");
        queue.MapPost("/nack", NackAsync)
            .Documented<NackResponse>("Report a failed handling", typeof(NackRequest), "The message is retried after the next delay level, or dead-lettered.");
        return api;
    }

    /// <summary>With another transport the built-in queue holds nothing: say where the messages are instead of waiting.</summary>
    public static ValueTask<object?> BuiltInQueueOnlyAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var delivery = context.HttpContext.RequestServices.GetRequiredService<Backends>().Delivery;
        return delivery == DeliveryTransport.BuiltIn
            ? next(context)
            : ValueTask.FromResult<object?>(ApiErrors.Result(
                StatusCodes.Status404NotFound,
                $"the built-in queue is off: this server delivers through {delivery}; consume from the broker (see docs/rabbitmq.md)"));
    }

    /// <summary>Reads and checks the <c>group</c> field, which every queue call carries.</summary>
    public static string Group(string? group)
    {
        if (group is null)
        {
            throw ApiException.BadRequest("group is required");
        }

        return TaskName.Check(group) is { } problem ? throw ApiException.BadRequest($"group {problem}") : group;
    }

    /// <summary>Reads and checks an optional <c>msgids</c> list: at most <see cref="MaxMsgIds"/>.</summary>
    public static IReadOnlyList<string>? MsgIds(IReadOnlyList<string>? msgIds) =>
        msgIds is { Count: > MaxMsgIds }
            ? throw ApiException.BadRequest($"msgids holds {msgIds.Count} ids; at most {MaxMsgIds} per call")
            : msgIds;

    private static async Task<IResult> ConsumeAsync(
        HttpRequest request,
        BuiltInQueue queue,
        RequestScope scope,
        IOptions<QueueOptions> options,
        IOptions<LimitOptions> limits,
        IHostApplicationLifetime lifetime,
        PushGroupRegistry pushGroups,
        CancellationToken ct)
    {
        var body = await JsonBody.ReadAsync<ConsumeRequestBody>(request, ct);
        if (!SubscriptionLimits.TryParse(body.Tags ?? "*", limits.Value, out var tags, out var tagsError))
        {
            throw ApiException.BadRequest($"tags {tagsError}");
        }

        var consume = new ConsumeRequest(
            scope.RequireGroup(Group(body.Group)),
            scope.Narrow(tags),
            (int)ApiException.RequireInRange(body.Max ?? 1, "max", 1, MaxMessages),
            TimeSpan.FromMilliseconds(ApiException.RequireInRange(body.WaitMs ?? 0, "wait_ms", 0, MaxWaitMs)),
            body.LeaseMs is { } leaseMs
                ? TimeSpan.FromMilliseconds(ApiException.RequireInRange(leaseMs, "lease_ms", MinLeaseMs, MaxLeaseMs))
                : options.Value.DefaultLease)
        {
            Owner = ApiKeyAuthentication.KeyName(request.HttpContext.User),
        };
        await GroupDeclarations.RefusePushGroupAsync(pushGroups, consume.Group, ct);

        // A long poll ends early, empty, when the server shuts down, so shutdown does not wait for it.
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, lifetime.ApplicationStopping);
        IReadOnlyList<QueueMessage> messages;
        try
        {
            messages = await queue.ConsumeAsync(consume, linked.Token);
        }
        catch (OperationCanceledException) when (lifetime.ApplicationStopping.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            messages = [];
        }
        catch (GroupLimitException full)
        {
            throw new ApiException(StatusCodes.Status409Conflict, full.Message);
        }

        return Results.Json(new ConsumeResponse(messages.Select(WireMapper.ToWire).ToList()), ServerJson.Responses.ConsumeResponse);
    }

    private static async Task<IResult> AckAsync(
        HttpRequest request, BuiltInQueue queue, RequestScope scope, PushGroupRegistry pushGroups, CancellationToken ct)
    {
        var body = await JsonBody.ReadAsync<AckRequest>(request, ct);
        var group = scope.RequireGroup(Group(body.Group));
        await GroupDeclarations.RefusePushGroupAsync(pushGroups, group, ct);
        var msgIds = MsgIds(body.MsgIds) ?? throw ApiException.BadRequest("msgids is required (an array of msgids)");

        var outcome = await queue.AckAsync(group, msgIds, ct);
        return outcome.RefusedMsgId is { } refused
            ? throw NotHandedOut(group, refused, "nothing of this call was acked")
            : Results.Json(new AckResponse(outcome.Acked), ServerJson.Responses.AckResponse);
    }

    private static async Task<IResult> NackAsync(
        HttpRequest request, BuiltInQueue queue, RequestScope scope, PushGroupRegistry pushGroups, CancellationToken ct)
    {
        var body = await JsonBody.ReadAsync<NackRequest>(request, ct);
        var group = scope.RequireGroup(Group(body.Group));
        await GroupDeclarations.RefusePushGroupAsync(pushGroups, group, ct);
        var msgId = body.MsgId is { Length: > 0 } id ? id : throw ApiException.BadRequest("msgid is required");
        var failure = body.Error;

        if (failure is { Length: > MaxErrorLength })
        {
            throw ApiException.BadRequest($"error is {failure.Length} characters long; at most {MaxErrorLength} are kept with a message");
        }

        var outcome = await queue.NackAsync(group, msgId, failure, ct);
        return outcome.Result switch
        {
            NackResult.Retrying => Results.Json(new NackResponse(msgId, "retrying", outcome.RetryAt?.ToUnixTimeSeconds()), ServerJson.Responses.NackResponse),
            NackResult.DeadLettered => Results.Json(new NackResponse(msgId, "dead", null), ServerJson.Responses.NackResponse),
            NackResult.NotHandedOut => throw NotHandedOut(group, msgId, "it was not nacked"),
            _ => throw ApiException.NotFound($"group {group} holds no message {msgId}"),
        };
    }

    /// <summary>An ack or nack of a message nobody received: refused, so nobody postpones or drops what they never had.</summary>
    private static ApiException NotHandedOut(string group, string msgId, string consequence) =>
        new(StatusCodes.Status409Conflict,
            $"message {msgId} of group {group} was never handed out (since it was recorded or redriven); " +
            $"only a message received from /consume can be acked or nacked: {consequence}");
}
