using Microsoft.Extensions.Diagnostics.HealthChecks;
using TaskCenter.Core.Delivery;
using TaskCenter.Core.Storage;
using TaskCenter.Transport.RabbitMq.Broker;

namespace TaskCenter.Transport.RabbitMq.Health;

/// <summary>
/// The health of delivery over RabbitMQ: healthy when the broker is reachable and no due fire waits in the outbox;
/// degraded while publishing is behind; the registration's failure status (unhealthy by default) while the broker is
/// unreachable. Its data: whether the broker is reachable and since when, the fires waiting in the outbox, the oldest of
/// them (left out while the database is unavailable), and the messages kept in the unrouted queue (fires for tags no
/// group is bound to).
/// </summary>
public sealed class RabbitMqHealthCheck : IHealthCheck
{
    /// <summary>The name to register it under.</summary>
    public const string Name = "rabbitmq";

    private const long CountCap = 1_000_000;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    private readonly BrokerConnection _broker;
    private readonly IFireLedger _ledger;
    private readonly TimeProvider _time;

    internal RabbitMqHealthCheck(BrokerConnection broker, IFireLedger ledger, TimeProvider time)
    {
        _broker = broker;
        _ledger = ledger;
        _time = time;
    }

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        var (reachable, since, lastError) = _broker.State;
        var data = new Dictionary<string, object>
        {
            ["broker"] = _broker.Address,
            ["reachable"] = reachable,
            ["since"] = since.ToString("O"),
        };
        DateTimeOffset? oldest = null;
        string waitingText;
        try
        {
            oldest = await _ledger.GetNextUnpublishedAsync(timeout.Token);
            var waiting = await _ledger.CountUnpublishedAsync(CountCap, timeout.Token);
            data["fires_waiting"] = waiting;
            if (oldest is { } oldestFire)
            {
                data["oldest_waiting_fire"] = oldestFire.ToString("O");
            }

            waitingText = (waiting >= CountCap ? $"{CountCap}+" : waiting.ToString(System.Globalization.CultureInfo.InvariantCulture)) + " fires waiting";
        }
        catch (StorageUnavailableException)
        {
            // The storage check says why; the broker's state is still worth reporting.
            waitingText = "the fires waiting are unknown while the database is unavailable";
        }

        if (!reachable)
        {
            data["error"] = lastError;
            return new HealthCheckResult(
                context.Registration.FailureStatus,
                $"RabbitMQ at {_broker.Address} unreachable since {since:O} ({lastError}); {waitingText}",
                data: data);
        }

        var unrouted = await CountUnroutedAsync(timeout.Token);
        if (unrouted is { } kept)
        {
            data["unrouted_messages"] = kept;
        }

        if (oldest is { } due && due < _time.GetUtcNow() - _broker.Options.BacklogTolerance)
        {
            return HealthCheckResult.Degraded($"publishing is behind: {waitingText}, the oldest due since {due:O}", data: data);
        }

        return HealthCheckResult.Healthy(
            $"connected to RabbitMQ at {_broker.Address}; {unrouted?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"} fires kept for tags no group is bound to",
            data);
    }

    private async Task<uint?> CountUnroutedAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await _broker.CountMessagesAsync(_broker.Names.Unrouted, cancellationToken);
        }
        catch (Exception ex) when (BrokerFailures.IsBrokerFailure(ex))
        {
            return null; // the outage is reported by the next check
        }
    }
}
