using Microsoft.Extensions.DependencyInjection.Extensions;
using TaskCenter.Core.Alerts;
using TaskCenter.Core.Delivery;
using TaskCenter.Core.Engine;
using TaskCenter.Core.Limits;
using TaskCenter.Core.Management;
using TaskCenter.Core.Queue;
using TaskCenter.Core.Storage;
using TaskCenter.Core.Tasks;
using TaskCenter.Core.Validation;
using TaskCenter.Server.Health;
using TaskCenter.Server.OpenApi;
using TaskCenter.Server.Metrics;
using TaskCenter.Server.Overview;
using TaskCenter.Server.Push;
using TaskCenter.Server.Security;
using TaskCenter.Storage.Postgres;
using TaskCenter.Storage.Sqlite;
using TaskCenter.Transport.RabbitMq;
using TaskCenter.Transport.RabbitMq.Health;

namespace TaskCenter.Server.Composition;

/// <summary>Wires the engine, the built-in queue and the storage chosen by configuration.</summary>
public static class TaskCenterServices
{
    public static IServiceCollection AddTaskCenter(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddTaskCenterSecurity(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSection<EngineOptions>(configuration, EngineOptions.Section);
        services.AddSection<AlertOptions>(configuration, AlertOptions.Section);
        services.AddSection<TaskValidationOptions>(configuration, TaskValidationOptions.Section);
        services.AddSection<LimitOptions>(configuration, LimitOptions.Section);
        var queueSection = configuration.GetSection(QueueOptions.Section);
        services.AddSection<QueueOptions>(configuration, QueueOptions.Section)
            // The binder appends to a pre-filled list; a configured list replaces the default levels instead.
            .PostConfigure(options =>
            {
                if (queueSection.GetSection(nameof(QueueOptions.RetryDelays)).Get<TimeSpan[]>() is { Length: > 0 } delays)
                {
                    options.RetryDelays = delays;
                }
            });

        services.AddSingleton<TaskIdGenerator>();
        services.AddSingleton<TaskValidator>();
        services.AddSingleton<TaskIntake>();
        services.AddSingleton<TaskAdmin>();
        services.AddSingleton<EngineWakeup>();
        services.AddSingleton<QueueSignal>();
        services.AddSingleton<FireRateAlerts>();
        services.AddSingleton<IFireListener>(sp => sp.GetRequiredService<QueueSignal>());
        services.AddSingleton<IFireListener>(sp => sp.GetRequiredService<FireRateAlerts>());
        services.AddSingleton<BuiltInQueue>();
        services.AddApiDocumentation();
        services.AddTaskCenterMetrics();

        var backends = Backends.From(configuration);
        services.AddSingleton(backends);
        services.AddHealthChecks().AddCheck<StorageHealthCheck>("storage", tags: HealthTags.ReadyOnly);

        // The schema first: every other hosted service awaits StorageReadiness before its first piece of work.
        services.AddSingleton<StorageReadiness>();
        services.AddHostedService<StorageInitializer>();
        AddStorage(services, configuration, backends);
        AddDelivery(services, configuration, backends);
        services.AddTaskCenterPush(configuration, backends);
        services.AddHostedService<SchedulerEngine>();
        services.AddHostedService<Housekeeping>();
        services.AddTaskCenterOverview(configuration);
        return services;
    }

    private static void AddStorage(IServiceCollection services, IConfiguration configuration, Backends backends)
    {
        switch (backends.Storage)
        {
            case StorageProvider.Sqlite:
                services.AddTaskCenterSqlite(options => configuration.GetSection(SqliteStorageOptions.Section).Bind(options));
                services.CheckAtStart<SqliteStorageOptions>(SqliteStorageOptions.Section);
                break;
            case StorageProvider.Postgres:
                services.AddTaskCenterPostgres(options => configuration.GetSection(PostgresStorageOptions.Section).Bind(options));
                services.CheckAtStart<PostgresStorageOptions>(PostgresStorageOptions.Section);
                break;
            default:
                throw new InvalidOperationException($"Storage provider {backends.Storage} is not available in this build.");
        }
    }

    private static void AddDelivery(IServiceCollection services, IConfiguration configuration, Backends backends)
    {
        switch (backends.Delivery)
        {
            case DeliveryTransport.BuiltIn:
                services.AddSingleton<IDeadLetterRedrive>(sp => sp.GetRequiredService<BuiltInQueue>());
                break;
            case DeliveryTransport.RabbitMq:
                services.AddTaskCenterRabbitMq(options => configuration.GetSection(RabbitMqTransportOptions.Section).Bind(options));
                services.CheckAtStart<RabbitMqTransportOptions>(RabbitMqTransportOptions.Section);
                // An unreachable broker makes the server not ready (fires wait in the outbox); it stays live and serving.
                services.AddHealthChecks().AddCheck<RabbitMqHealthCheck>(RabbitMqHealthCheck.Name, tags: HealthTags.ReadyOnly);
                break;
            default:
                throw new InvalidOperationException($"Delivery transport {backends.Delivery} is not available in this build.");
        }
    }
}
