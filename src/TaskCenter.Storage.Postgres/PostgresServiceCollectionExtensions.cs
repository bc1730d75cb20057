using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TaskCenter.Core.Delivery;
using TaskCenter.Core.Engine;
using TaskCenter.Core.Instances;
using TaskCenter.Core.Limits;
using TaskCenter.Core.Queue;
using TaskCenter.Core.Storage;
using TaskCenter.Storage.Postgres.Notifications;

namespace TaskCenter.Storage.Postgres;

public static class PostgresServiceCollectionExtensions
{
    /// <summary>
    /// Registers the PostgreSQL storage: one <see cref="PostgresStorage"/> serves as <see cref="ITaskStore"/>,
    /// <see cref="ITaskReader"/>, <see cref="IQueueStore"/>, <see cref="IFireOutbox"/> and <see cref="IInstanceRegistry"/>;
    /// queue settings come from <c>IOptions&lt;QueueOptions&gt;</c>, the limits from <c>IOptions&lt;LimitOptions&gt;</c>, the clock from a registered <see cref="TimeProvider"/>. Also a hosted service that listens for other instances' notifications and
    /// passes them to this instance's <see cref="QueueSignal"/> and <see cref="EngineWakeup"/> (when registered), from the
    /// moment <see cref="StorageReadiness"/> is ready. The host calls <see cref="ITaskStore.InitializeAsync"/> once before
    /// use, and then marks the storage ready.
    /// </summary>
    public static IServiceCollection AddTaskCenterPostgres(this IServiceCollection services, Action<PostgresStorageOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<PostgresStorageOptions>().Configure(configure);
        services.AddOptions<QueueOptions>();
        services.AddOptions<LimitOptions>();
        services.TryAddSingleton<StorageReadiness>();
        services.TryAddSingleton(sp => new PostgresStorage(
            sp.GetRequiredService<IOptions<PostgresStorageOptions>>().Value,
            sp.GetRequiredService<IOptions<QueueOptions>>().Value,
            sp.GetService<TimeProvider>(),
            sp.GetRequiredService<IOptions<LimitOptions>>().Value,
            sp.GetService<ILoggerFactory>()?.CreateLogger<PostgresStorage>()));
        services.TryAddSingleton<ITaskStore>(sp => sp.GetRequiredService<PostgresStorage>());
        services.TryAddSingleton<ITaskReader>(sp => sp.GetRequiredService<PostgresStorage>());
        services.TryAddSingleton<IQueueStore>(sp => sp.GetRequiredService<PostgresStorage>());
        services.TryAddSingleton<IFireOutbox>(sp => sp.GetRequiredService<PostgresStorage>());
        services.TryAddSingleton<IInstanceRegistry>(sp => sp.GetRequiredService<PostgresStorage>());
        services.AddHostedService(sp =>
        {
            var queue = sp.GetService<QueueSignal>();
            var engine = sp.GetService<EngineWakeup>();
            return new PostgresNotificationListener(
                sp.GetRequiredService<PostgresStorage>().Database,
                sp.GetRequiredService<StorageReadiness>(),
                () => queue?.MessagesReady(),
                at => engine?.Scheduled(at),
                (ILogger?)sp.GetService<ILoggerFactory>()?.CreateLogger<PostgresNotificationListener>() ?? NullLogger.Instance);
        });
        return services;
    }
}
