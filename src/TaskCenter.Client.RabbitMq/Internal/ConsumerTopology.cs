using RabbitMQ.Client;
using TaskCenter.RabbitMq.Contract;

namespace TaskCenter.Client.RabbitMq.Internal;

/// <summary>What one consumer declares on each connect: the shared topology, a delay queue per retry delay, and its group's queue.</summary>
internal sealed class ConsumerTopology(AmqpNames names, RabbitMqConsumerOptions options, string group, IReadOnlyList<string> tags)
{
    public AmqpNames Names => names;

    public string GroupQueue { get; } = names.GroupQueue(group);

    public async Task DeclareAsync(IChannel channel, CancellationToken cancellationToken)
    {
        await Topology.DeclareSharedAsync(channel, names, cancellationToken).ConfigureAwait(false);
        foreach (var delayMs in options.RetryDelays.Select(ToDelayMs).Where(ms => ms > 0).Distinct())
        {
            await Topology.DeclareDelayQueueAsync(channel, names, delayMs, cancellationToken).ConfigureAwait(false);
        }

        await Topology.DeclareGroupQueueAsync(channel, names, group, tags, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A retry delay in whole milliseconds, as its delay queue is named.</summary>
    public static long ToDelayMs(TimeSpan delay) => (long)delay.TotalMilliseconds;
}
