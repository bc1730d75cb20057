using RabbitMQ.Client;
using TaskCenter.RabbitMq.Contract;

namespace TaskCenter.Client.RabbitMq.Internal;

/// <summary>What one consumer declares on each connect (<see cref="Topology.DeclareConsumerAsync"/>), with its retry delays and its handlers' tags.</summary>
internal sealed class ConsumerTopology(AmqpNames names, RabbitMqConsumerOptions options, string group, IReadOnlyList<string> tags)
{
    public AmqpNames Names => names;

    public string GroupQueue { get; } = names.GroupQueue(group);

    public Task DeclareAsync(IChannel channel, CancellationToken cancellationToken) =>
        Topology.DeclareConsumerAsync(channel, names, group, tags, options.RetryDelays, cancellationToken);
}
