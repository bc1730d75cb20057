using TaskCenter.Core.Queue;
using TaskCenter.Core.Storage;

namespace TaskCenter.Server.Push;

/// <summary>Pushes each push group's messages from the built-in queue (a <see cref="GroupPusher"/> per group): the queue's leases give each message to one instance at a time.</summary>
internal sealed class BuiltInPusher(
    PushGroupRegistry registry,
    BuiltInQueue queue,
    PushSender sender,
    PushAttemptLog attempts,
    StorageReadiness readiness,
    TimeProvider time,
    ILogger<BuiltInPusher> logger) : PusherHost(registry, readiness, time, logger)
{
    protected override IGroupPusher Create(PushTarget target) => new GroupPusher(target, queue, sender, attempts, Time, Logger);
}
