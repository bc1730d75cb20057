using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TaskCenter.Core.Delivery;
using TaskCenter.Core.Limits;
using TaskCenter.Core.Queue;

namespace TaskCenter.Core.Storage;

/// <summary>
/// What every fire ledger takes from its host, whichever database it runs on: where recorded fires go
/// (<see cref="DeliveryOptions"/>), the queue's settings, the limits, the clock (the system's unless the host registered
/// one) and where its warnings go (nowhere without logging).
/// </summary>
public sealed record LedgerSettings(FireRouting Routing, QueueOptions Queue, LimitOptions Limits, TimeProvider Time, ILogger Logger)
{
    /// <summary>Registers the options a ledger reads: their defaults unless the host configures them.</summary>
    public static void AddOptions(IServiceCollection services)
    {
        services.AddOptions<DeliveryOptions>();
        services.AddOptions<QueueOptions>();
        services.AddOptions<LimitOptions>();
    }

    /// <summary>The settings as the host registered them; the ledger logs under <typeparamref name="TLedger"/>'s name.</summary>
    public static LedgerSettings Of<TLedger>(IServiceProvider services) => new(
        services.GetRequiredService<IOptions<DeliveryOptions>>().Value.Routing,
        services.GetRequiredService<IOptions<QueueOptions>>().Value,
        services.GetRequiredService<IOptions<LimitOptions>>().Value,
        services.GetService<TimeProvider>() ?? TimeProvider.System,
        (ILogger?)services.GetService<ILoggerFactory>()?.CreateLogger<TLedger>() ?? NullLogger.Instance);
}
