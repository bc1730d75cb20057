using Microsoft.Extensions.Hosting;

namespace TaskCenter.Client.Internal;

/// <summary>Runs one <see cref="TaskConsumer"/> for the lifetime of the host.</summary>
internal sealed class TaskConsumerHostedService(TaskConsumer consumer) : IHostedService, IAsyncDisposable
{
    public Task StartAsync(CancellationToken cancellationToken) => consumer.StartAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => consumer.StopAsync(cancellationToken);

    public ValueTask DisposeAsync() => consumer.DisposeAsync();
}
