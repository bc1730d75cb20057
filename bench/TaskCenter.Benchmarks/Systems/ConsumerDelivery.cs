using TaskCenter.Client;
using TaskCenter.Client.Consumer;

namespace TaskCenter.Benchmarks.Systems;

/// <summary>The SDK's <see cref="TaskConsumer"/> (256 concurrent handlers) long-polling each server; its handler records the fire as its first action.</summary>
public sealed class ConsumerDelivery : IFireDelivery
{
    private const int ConsumerConcurrency = 256;
    private readonly List<TaskConsumer> _consumers = [];

    public string Label => "SDK consumer";

    public async Task StartAsync(IReadOnlyList<TaskCenterClient> clients, FireLog log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(clients);
        ArgumentNullException.ThrowIfNull(log);
        foreach (var client in clients)
        {
            var consumer = new TaskConsumer(
                client,
                new TaskConsumerOptions
                {
                    Group = JobPayload.Group,
                    MaxConcurrency = ConsumerConcurrency,
                    Prefetch = ConsumerConcurrency,
                    WaitTime = TimeSpan.FromSeconds(5),
                    ShutdownTimeout = TimeSpan.FromSeconds(5),
                    FailFastOnStart = true,
                });
            consumer.Register("*", (context, _) =>
            {
                JobPayload.Record(log, context.Data, context.FireTime);
                return Task.CompletedTask;
            });
            _consumers.Add(consumer);

            // Returns once the group is subscribed, before anything is scheduled.
            await consumer.StartAsync(cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(_consumers.Select(consumer => consumer.StopAsync(cancellationToken)));

    public async ValueTask DisposeAsync()
    {
        foreach (var consumer in _consumers)
        {
            await consumer.DisposeAsync();
        }
    }
}
