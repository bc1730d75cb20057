using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using TaskCenter.Core.Delivery;
using TaskCenter.Core.Instances;
using TaskCenter.Core.Push;
using TaskCenter.Core.Storage;
using TaskCenter.Storage.Sqlite.Database;
using TaskCenter.Storage.Sqlite.Instances;
using TaskCenter.Storage.Sqlite.Ledger;
using TaskCenter.Storage.Sqlite.Push;
using TaskCenter.Storage.Sqlite.TaskStore;

namespace TaskCenter.Storage.Sqlite;

public static class SqliteServiceCollectionExtensions
{
    /// <summary>
    /// Registers the embedded SQLite storage: tasks, fires and the built-in queue (or the outbox of an external
    /// transport, as <see cref="DeliveryOptions"/> says) and push groups in one SQLite file (WAL), behind
    /// <see cref="ITaskStore"/>, <see cref="ITaskReader"/>, <see cref="IFireLedger"/>, <see cref="IInstanceRegistry"/>
    /// and <see cref="IPushGroupStore"/>. They share one writer connection (all writes are
    /// serialized through it, each in one transaction); reads use pooled connections beside it. Queue settings come
    /// from <c>IOptions&lt;QueueOptions&gt;</c>, the limits from <c>IOptions&lt;LimitOptions&gt;</c>, the clock from a
    /// registered <see cref="TimeProvider"/> (the system's when none is). The host calls
    /// <see cref="IFireLedger.InitializeAsync"/> once before use.
    /// </summary>
    public static IServiceCollection AddTaskCenterSqlite(this IServiceCollection services, Action<SqliteStorageOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<SqliteStorageOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        LedgerSettings.AddOptions(services);
        services.TryAddSingleton(sp => new SqliteDatabase(sp.GetRequiredService<IOptions<SqliteStorageOptions>>().Value));
        services.TryAddSingleton(sp => new SqliteFireLedger(
            sp.GetRequiredService<SqliteDatabase>(),
            sp.GetRequiredService<IOptions<SqliteStorageOptions>>().Value,
            LedgerSettings.Of<SqliteFireLedger>(sp)));
        services.TryAddSingleton<IFireLedger>(sp => sp.GetRequiredService<SqliteFireLedger>());
        services.TryAddSingleton<ITaskStore>(sp => new SqliteTaskStore(sp.GetRequiredService<SqliteDatabase>(), sp.GetRequiredService<SqliteFireLedger>()));
        services.TryAddSingleton<ITaskReader>(sp => new SqliteTaskReader(sp.GetRequiredService<SqliteDatabase>()));
        services.TryAddSingleton<IInstanceRegistry>(sp => new SqliteInstanceRegistry(sp.GetRequiredService<SqliteDatabase>()));
        services.TryAddSingleton<IPushGroupStore>(sp => new SqlitePushGroupStore(sp.GetRequiredService<SqliteDatabase>()));
        return services;
    }
}
