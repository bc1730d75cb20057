using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TaskCenter.Core.Delivery;
using TaskCenter.Core.Engine;
using TaskCenter.Core.Instances;
using TaskCenter.Core.Push;
using TaskCenter.Core.Queue;
using TaskCenter.Core.Storage;
using TaskCenter.Storage.Postgres.Database;
using TaskCenter.Storage.Postgres.Instances;
using TaskCenter.Storage.Postgres.Ledger;
using TaskCenter.Storage.Postgres.Notifications;
using TaskCenter.Storage.Postgres.Push;
using TaskCenter.Storage.Postgres.TaskStore;

namespace TaskCenter.Storage.Postgres;

public static class PostgresServiceCollectionExtensions
{
    /// <summary>
    /// Registers the PostgreSQL storage: tasks, fires, the built-in queue and the outbox (as <see cref="DeliveryOptions"/>
    /// says) and push groups in one schema that any number of server instances share, behind <see cref="ITaskStore"/>,
    /// <see cref="ITaskReader"/>, <see cref="IFireLedger"/>, <see cref="IInstanceRegistry"/> and
    /// <see cref="IPushGroupStore"/>, with the semantics of the SQLite storage. A database that cannot be reached
    /// surfaces as <see cref="StorageUnavailableException"/>, and the storage works again by itself once it is back.
    /// Queue settings come from <c>IOptions&lt;QueueOptions&gt;</c>, the limits from <c>IOptions&lt;LimitOptions&gt;</c>,
    /// the clock from a registered <see cref="TimeProvider"/> (the system's when none is). Also a hosted service that
    /// listens for other instances' notifications and passes them to this instance's <see cref="QueueSignal"/> and
    /// <see cref="EngineWakeup"/> (when registered), from the moment <see cref="StorageReadiness"/> is ready. The host
    /// calls <see cref="IFireLedger.InitializeAsync"/> once before use, and then marks the storage ready.
    /// </summary>
    public static IServiceCollection AddTaskCenterPostgres(this IServiceCollection services, Action<PostgresStorageOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<PostgresStorageOptions>().Configure(configure);
        LedgerSettings.AddOptions(services);
        services.TryAddSingleton<StorageReadiness>();
        services.TryAddSingleton(sp => new PostgresDatabase(sp.GetRequiredService<IOptions<PostgresStorageOptions>>().Value));
        services.TryAddSingleton<IFireLedger>(sp => new PostgresFireLedger(
            sp.GetRequiredService<PostgresDatabase>(), LedgerSettings.Of<PostgresFireLedger>(sp)));
        services.TryAddSingleton<ITaskStore>(sp => new PostgresTaskStore(sp.GetRequiredService<PostgresDatabase>()));
        services.TryAddSingleton<ITaskReader>(sp => new PostgresTaskReader(sp.GetRequiredService<PostgresDatabase>()));
        services.TryAddSingleton<IInstanceRegistry>(sp => new PostgresInstanceRegistry(sp.GetRequiredService<PostgresDatabase>()));
        services.TryAddSingleton<IPushGroupStore>(sp => new PostgresPushGroupStore(sp.GetRequiredService<PostgresDatabase>()));
        services.AddHostedService(sp =>
        {
            var queue = sp.GetService<QueueSignal>();
            var engine = sp.GetService<EngineWakeup>();
            return new PostgresNotificationListener(
                sp.GetRequiredService<PostgresDatabase>(),
                sp.GetRequiredService<StorageReadiness>(),
                () => queue?.MessagesReady(),
                at => engine?.Scheduled(at),
                (ILogger?)sp.GetService<ILoggerFactory>()?.CreateLogger<PostgresNotificationListener>() ?? NullLogger.Instance);
        });
        return services;
    }
}
