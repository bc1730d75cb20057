using TaskCenter.Core.Telemetry;

namespace TaskCenter.Server.Metrics;

/// <summary>At start, once the exporter listens: the fires counter shows 0, and the first fire pays no warm-up.</summary>
internal sealed class MetricsWarmUp : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        FireMetrics.ExportZero();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
