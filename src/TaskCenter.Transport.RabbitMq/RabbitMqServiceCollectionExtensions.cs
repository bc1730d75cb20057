using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TaskCenter.Core.Delivery;
using TaskCenter.Core.Engine;
using TaskCenter.Core.Queue;
using TaskCenter.Core.Storage;
using TaskCenter.Transport.RabbitMq.Broker;
using TaskCenter.Transport.RabbitMq.DeadLetters;
using TaskCenter.Transport.RabbitMq.GroupQueues;
using TaskCenter.Transport.RabbitMq.Health;
using TaskCenter.Transport.RabbitMq.Publishing;
using TaskCenter.Transport.RabbitMq.Unrouted;

namespace TaskCenter.Transport.RabbitMq;

public static class RabbitMqServiceCollectionExtensions
{
    /// <summary>
    /// Registers delivery over RabbitMQ: the publisher of the outbox's fires, the drain of dead letters into storage, the
    /// re-offer of unrouted fires (three hosted services), the <see cref="IDeadLetterRedrive"/> that redrives over the
    /// broker, the <see cref="GroupQueueConsumer"/> that reads a group's queue as its consumers do, and <see cref="RabbitMqHealthCheck"/> (add it with <c>AddCheck&lt;RabbitMqHealthCheck&gt;(RabbitMqHealthCheck.Name)</c>).
    /// Sets <see cref="DeliveryOptions.Routing"/> to <see cref="FireRouting.Outbox"/>: the storage's <see cref="IFireLedger"/>
    /// records fires into its outbox. The publisher and the drain start once <see cref="StorageReadiness"/> is ready: whoever
    /// initializes the storage marks it.
    /// </summary>
    public static IServiceCollection AddTaskCenterRabbitMq(this IServiceCollection services, Action<RabbitMqTransportOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<RabbitMqTransportOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.Configure<DeliveryOptions>(delivery => delivery.Routing = FireRouting.Outbox);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<StorageReadiness>();
        services.TryAddSingleton(sp => new BrokerConnection(
            sp.GetRequiredService<IOptions<RabbitMqTransportOptions>>(),
            sp.GetRequiredService<ILogger<BrokerConnection>>(),
            sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => new FireWakeup(sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IFireListener>(sp => sp.GetRequiredService<FireWakeup>());
        services.AddSingleton<IHostedService>(sp => ActivatorUtilities.CreateInstance<FirePublisher>(sp));
        services.AddSingleton<IHostedService>(sp => ActivatorUtilities.CreateInstance<DeadLetterDrain>(sp));
        services.AddSingleton<IHostedService>(sp => ActivatorUtilities.CreateInstance<UnroutedReoffer>(sp));
        services.TryAddSingleton(sp => new RabbitMqDeadLetterRedrive(sp.GetRequiredService<BrokerConnection>(), sp.GetRequiredService<IFireLedger>()));
        services.AddSingleton<IDeadLetterRedrive>(sp => sp.GetRequiredService<RabbitMqDeadLetterRedrive>());
        services.TryAddSingleton(sp => new GroupQueueConsumer(
            sp.GetRequiredService<BrokerConnection>(), sp.GetRequiredService<IOptions<QueueOptions>>(), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => new RabbitMqHealthCheck(
            sp.GetRequiredService<BrokerConnection>(), sp.GetRequiredService<IFireLedger>(), sp.GetRequiredService<TimeProvider>()));
        return services;
    }
}
