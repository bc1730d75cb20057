using Microsoft.Extensions.Options;
using TaskCenter.Contracts;
using TaskCenter.Core.Limits;
using TaskCenter.Core.Push;
using TaskCenter.Core.Queue;
using TaskCenter.Server.Composition;
using TaskCenter.Server.Http;
using TaskCenter.Server.Push;
using TaskCenter.Server.Security;
using TaskCenter.Server.Wire;
using TaskCenter.Transport.RabbitMq.GroupQueues;

namespace TaskCenter.Server.Endpoints;

/// <summary>
/// <c>PUT</c> and <c>GET /v1/api/groups/{group}</c>: a group declared with its subscription and, for a push group, the
/// target its messages are POSTed to. A push group's secret is shown once, in the answer that generated it.
/// </summary>
internal static class GroupDeclarations
{
    public static async Task<IResult> PutAsync(
        string group,
        HttpRequest request,
        RequestScope scope,
        Backends backends,
        BuiltInQueue queue,
        IPushGroupStore store,
        PushGroupRegistry registry,
        PushTargets targets,
        IOptions<PushOptions> push,
        IOptions<LimitOptions> limits,
        TimeProvider time,
        CancellationToken ct)
    {
        var name = scope.RequireGroup(QueueEndpoints.Group(group));
        var body = await JsonBody.ReadAsync<PutGroupRequest>(request, ct);
        // The push groups as stored now, not as this instance last read them: the limits below count them all.
        var stored = await registry.RefreshAsync(ct);
        var existing = stored.GetValueOrDefault(name)?.Group;
        var declaration = PushDeclaration.Read(body, targets, limits.Value, existing?.Push.Secret);
        var tags = scope.Narrow(declaration.Tags);
        var owner = ApiKeyAuthentication.KeyName(request.HttpContext.User);
        var now = time.GetUtcNow();
        if (declaration.Push is null && backends.Delivery != DeliveryTransport.BuiltIn)
        {
            throw ApiException.BadRequest(
                $"push is required: this server delivers through {backends.Delivery}, where a pull group is the queue its consumers read (see docs/rabbitmq.md)");
        }

        if (backends.Delivery == DeliveryTransport.RabbitMq && GroupQueueConsumer.CannotBind(tags) is { } unbound)
        {
            throw ApiException.BadRequest($"tags: {unbound}");
        }

        if (declaration.Push is not null && existing is null && stored.Count >= push.Value.MaxGroups)
        {
            throw TooManyPushGroups(push.Value.MaxGroups);
        }

        if (declaration.Push is { } wanted
            && stored.Values.Where(target => target.Group.Name != name).Sum(target => target.Group.Push.MaxConcurrency) + wanted.MaxConcurrency
                is var total && total > push.Value.MaxTotalConcurrency)
        {
            throw new ApiException(
                StatusCodes.Status409Conflict,
                $"push.max_concurrency {wanted.MaxConcurrency} would bring the push groups' requests in flight to {total}, over " +
                $"Push:MaxTotalConcurrency ({push.Value.MaxTotalConcurrency}); lower it or another group's");
        }

        if (backends.Delivery == DeliveryTransport.BuiltIn)
        {
            try
            {
                await queue.SubscribeAsync(name, tags, owner, ct);
            }
            catch (GroupLimitException full)
            {
                throw new ApiException(StatusCodes.Status409Conflict, full.Message);
            }
        }

        var status = StatusCodes.Status200OK;
        PushGroup? declared = null;
        if (declaration.Push is { } settings)
        {
            declared = new PushGroup(name, tags, settings, existing?.Owner ?? owner, now);
            switch (await store.PutAsync(declared, push.Value.MaxGroups, ct))
            {
                case PushGroupWrite.TooMany:
                    throw TooManyPushGroups(push.Value.MaxGroups);
                case PushGroupWrite.Created:
                    status = StatusCodes.Status201Created;
                    break;
            }
        }
        else if (existing is not null)
        {
            await store.DeleteAsync(name, ct);
        }

        await registry.RefreshAsync(ct);
        var answer = declared is null
            ? new GroupDeclarationResponse { Group = name, Tags = tags.Expression, Owner = owner, UpdatedAtMs = now.ToUnixTimeMilliseconds(), Push = null }
            : ToWire(declared, await registry.FindAsync(name, ct), declaration.GeneratedSecret);
        return Results.Json(answer, ServerJson.Responses.GroupDeclarationResponse, statusCode: status);
    }

    public static async Task<IResult> GetAsync(
        string group, RequestScope scope, Backends backends, BuiltInQueue queue, IPushGroupStore store, PushGroupRegistry registry, CancellationToken ct)
    {
        var name = scope.RequireGroup(QueueEndpoints.Group(group));
        if (await store.GetAsync(name, ct) is { } pushGroup)
        {
            return Results.Json(ToWire(pushGroup, await registry.FindAsync(name, ct), showSecret: false), ServerJson.Responses.GroupDeclarationResponse);
        }

        if (backends.Delivery == DeliveryTransport.BuiltIn
            && (await queue.ListGroupsAsync(null, 1, candidate => candidate == name, ct)) is [var pullGroup])
        {
            return Results.Json(
                new GroupDeclarationResponse
                {
                    Group = name,
                    Tags = pullGroup.Subscription.Expression,
                    Owner = pullGroup.Owner,
                    UpdatedAtMs = pullGroup.SubscribedAt.ToUnixTimeMilliseconds(),
                    Push = null,
                },
                ServerJson.Responses.GroupDeclarationResponse);
        }

        throw ApiException.NotFound($"no consumer group {name}");
    }

    /// <summary>The 409 of a pull (consume, ack, nack) on a push group: the server pushes its messages itself.</summary>
    public static async ValueTask RefusePushGroupAsync(PushGroupRegistry registry, string group, CancellationToken ct)
    {
        if (await registry.FindAsync(group, ct) is { } target)
        {
            throw new ApiException(
                StatusCodes.Status409Conflict,
                $"group {group} is a push group: the server POSTs its messages to {target.Group.Push.Url}; they cannot be consumed, acked or nacked by hand");
        }
    }

    private static GroupDeclarationResponse ToWire(PushGroup group, PushTarget? target, bool showSecret) => new()
    {
        Group = group.Name,
        Tags = group.Tags.Expression,
        Owner = group.Owner,
        UpdatedAtMs = group.UpdatedAt.ToUnixTimeMilliseconds(),
        Push = new PushTargetResponse
        {
            Url = group.Push.Url,
            ContentType = group.Push.ContentType,
            TimeoutMs = (long)group.Push.Timeout.TotalMilliseconds,
            MaxConcurrency = group.Push.MaxConcurrency,
            Headers = group.Push.Headers,
            Secret = showSecret ? group.Push.Secret : null,
            Circuit = target?.CircuitState ?? "closed",
            LastError = target?.Circuit.LastError,
        },
    };

    private static ApiException TooManyPushGroups(int max) =>
        new(StatusCodes.Status409Conflict, $"the server holds {max} push groups already (Push:MaxGroups); delete one first");
}
