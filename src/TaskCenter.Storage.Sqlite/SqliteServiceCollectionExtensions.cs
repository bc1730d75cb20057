using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TaskCenter.Core.Delivery;
using TaskCenter.Core.Instances;
using TaskCenter.Core.Limits;
using TaskCenter.Core.Queue;
using TaskCenter.Core.Storage;

namespace TaskCenter.Storage.Sqlite;

public static class SqliteServiceCollectionExtensions
{
    /// <summary>
    /// Registers the embedded SQLite storage: one <see cref="SqliteStorage"/> serves as <see cref="ITaskStore"/>,
    /// <see cref="ITaskReader"/>, <see cref="IQueueStore"/>, <see cref="IFireOutbox"/> and <see cref="IInstanceRegistry"/>. Queue settings come from <c>IOptions&lt;QueueOptions&gt;</c>,
    /// the limits from <c>IOptions&lt;LimitOptions&gt;</c>.
    /// The host calls <see cref="ITaskStore.InitializeAsync"/> once before use.
    /// </summary>
    public static IServiceCollection AddTaskCenterSqlite(this IServiceCollection services, Action<SqliteStorageOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<SqliteStorageOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.AddOptions<QueueOptions>();
        services.AddOptions<LimitOptions>();
        services.TryAddSingleton(sp => new SqliteStorage(
            sp.GetRequiredService<IOptions<SqliteStorageOptions>>().Value,
            sp.GetRequiredService<IOptions<QueueOptions>>().Value,
            sp.GetRequiredService<IOptions<LimitOptions>>().Value,
            sp.GetService<ILoggerFactory>()?.CreateLogger<SqliteStorage>()));
        services.TryAddSingleton<ITaskStore>(sp => sp.GetRequiredService<SqliteStorage>());
        services.TryAddSingleton<ITaskReader>(sp => sp.GetRequiredService<SqliteStorage>());
        services.TryAddSingleton<IQueueStore>(sp => sp.GetRequiredService<SqliteStorage>());
        services.TryAddSingleton<IFireOutbox>(sp => sp.GetRequiredService<SqliteStorage>());
        services.TryAddSingleton<IInstanceRegistry>(sp => sp.GetRequiredService<SqliteStorage>());
        return services;
    }
}
