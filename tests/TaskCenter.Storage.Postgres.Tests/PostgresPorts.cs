using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TaskCenter.Core.Delivery;
using TaskCenter.Core.Limits;
using TaskCenter.Core.Queue;
using TaskCenter.Storage.Postgres.Database;

namespace TaskCenter.Storage.Postgres.Tests;

/// <summary>PostgreSQL storage instances as a host registers them (<see cref="PostgresServiceCollectionExtensions.AddTaskCenterPostgres"/>).</summary>
internal static class PostgresPorts
{
    /// <summary>A storage instance (not initialized) with these settings; the contract's queue settings and limits unless given.</summary>
    public static StoragePorts Create(
        PostgresStorageOptions options, QueueOptions? queue = null, LimitOptions? limits = null, ILogger? logger = null, FireRouting routing = FireRouting.BuiltInQueue) =>
        StoragePorts.Create(
            services => services.AddTaskCenterPostgres(o =>
            {
                o.ConnectionString = options.ConnectionString;
                o.Schema = options.Schema;
                o.TakeOverTimeout = options.TakeOverTimeout;
            }),
            queue,
            limits,
            logger,
            routing);

    /// <summary>The instance's database (its pool, its channels), for the backend's own checks.</summary>
    public static PostgresDatabase Database(this StoragePorts store) => store.Services.GetRequiredService<PostgresDatabase>();
}
