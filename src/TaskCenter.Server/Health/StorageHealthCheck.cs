using Microsoft.Extensions.Diagnostics.HealthChecks;
using TaskCenter.Core.Storage;

namespace TaskCenter.Server.Health;

/// <summary>
/// Unhealthy while the storage is not ready yet, saying what it waits for; then reads the next fire time: cheap on every
/// store, and it fails exactly when the API would answer 503.
/// </summary>
public sealed class StorageHealthCheck(IFireLedger ledger, StorageReadiness readiness) : IHealthCheck
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (readiness.WaitingFor is { } waitingFor)
        {
            return HealthCheckResult.Unhealthy($"waiting for the database: {waitingFor}");
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            await ledger.GetEarliestFireAsync(timeout.Token);
            return HealthCheckResult.Healthy();
        }
        catch (StorageUnavailableException e)
        {
            return HealthCheckResult.Unhealthy(e.Message);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"the database did not answer within {Timeout.TotalSeconds:0} s");
        }
    }
}
