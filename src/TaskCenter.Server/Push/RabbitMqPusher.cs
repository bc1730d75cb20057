using TaskCenter.Core.Storage;
using TaskCenter.Transport.RabbitMq.GroupQueues;

namespace TaskCenter.Server.Push;

/// <summary>Pushes each push group's messages from its RabbitMQ queue (a <see cref="RabbitMqGroupPusher"/> per group): the broker gives each message to one consumer, here one server instance, at a time.</summary>
internal sealed class RabbitMqPusher(
    PushGroupRegistry registry,
    GroupQueueConsumer queue,
    PushSender sender,
    PushAttemptLog attempts,
    StorageReadiness readiness,
    TimeProvider time,
    ILogger<RabbitMqPusher> logger) : PusherHost(registry, readiness, time, logger)
{
    protected override IGroupPusher Create(PushTarget target) => new RabbitMqGroupPusher(target, queue, sender, attempts, Time, Logger);
}
