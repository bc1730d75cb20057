using Microsoft.Extensions.Hosting;
using TaskCenter.Client.Consumer;

namespace TaskCenter.Client.Hosting;

/// <summary>Runs one <see cref="TaskConsumer"/> for the lifetime of the host.</summary>
internal sealed class TaskConsumerHostedService(TaskConsumer consumer) : IHostedService, IAsyncDisposable, IDisposable
{
    public Task StartAsync(CancellationToken cancellationToken) => consumer.StartAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => consumer.StopAsync(cancellationToken);

    public ValueTask DisposeAsync() => consumer.DisposeAsync();

    /// <summary>For a service provider disposed synchronously: stops the consumer if still running, blocking.</summary>
    public void Dispose() => consumer.Dispose();
}
