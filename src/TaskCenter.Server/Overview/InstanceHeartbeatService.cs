using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using TaskCenter.Core.Engine;
using TaskCenter.Core.Instances;
using TaskCenter.Core.Storage;

namespace TaskCenter.Server.Overview;

/// <summary>
/// Records this instance in storage every <see cref="OverviewOptions.HeartbeatInterval"/>: its health (the readiness
/// checks) and its fires per minute, from the moment storage is ready. While storage is down there is nothing to record
/// into; the next beat catches up.
/// </summary>
public sealed class InstanceHeartbeatService(
    IInstanceRegistry registry,
    ServerInstance instance,
    FireMinuteCounter fires,
    HealthCheckService health,
    StorageReadiness readiness,
    TimeProvider time,
    IOptions<OverviewOptions> options,
    ILogger<InstanceHeartbeatService> logger) : BackgroundService
{
    private readonly OverviewOptions _options = options.Value;
    private bool _failing;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await readiness.WhenReadyAsync(stoppingToken);
        await PeriodicLoop.RunAsync(_options.HeartbeatInterval, time, BeatAsync, stoppingToken);
    }

    private async Task BeatAsync(CancellationToken cancellationToken)
    {
        try
        {
            var report = await health.CheckHealthAsync(cancellationToken);
            var now = time.GetUtcNow();
            await registry.BeatAsync(
                new InstanceHeartbeat
                {
                    Id = instance.Id,
                    Host = instance.Host,
                    ProcessId = instance.ProcessId,
                    Version = instance.Version,
                    StartedAt = instance.StartedAt,
                    SeenAt = now,
                    Health = Describe(report),
                    Fires = fires.Snapshot(),
                },
                now - _options.ForgetInstanceAfter,
                cancellationToken);
            if (_failing)
            {
                _failing = false;
                logger.LogInformation("Instance heartbeat recorded again");
            }
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            if (!_failing)
            {
                _failing = true;
                logger.LogWarning("Instance heartbeat not recorded: {Error}; trying again every {Interval}", e.Message, _options.HeartbeatInterval);
            }
        }
    }

    /// <summary>"healthy", or each failing check with its description.</summary>
    private static string Describe(HealthReport report)
    {
        var problems = report.Entries
            .Where(entry => entry.Value.Status != HealthStatus.Healthy)
            .Select(entry => $"{entry.Key}: {entry.Value.Description ?? entry.Value.Status.ToString()}")
            .ToList();
        return problems.Count == 0 ? "healthy" : string.Join("; ", problems);
    }
}
