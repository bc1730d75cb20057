using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TaskCenter.Client.Consumer;

namespace TaskCenter.Client.Hosting;

/// <summary>Registers TaskCenter clients and consumers with dependency injection.</summary>
public static class TaskCenterServiceCollectionExtensions
{
    /// <summary>
    /// Registers a singleton <see cref="TaskCenterClient"/>, also resolved as <see cref="ITaskCenterClient"/>, configured
    /// through <see cref="IOptions{TOptions}"/> of <see cref="TaskCenterClientOptions"/> (so configuration binding also
    /// applies). A client registered before (either service type) is kept; calling it again only adds configuration.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the client's options.</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddTaskCenterClient(this IServiceCollection services, Action<TaskCenterClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<TaskCenterClientOptions>().Configure(configure);
        return TryAddClient(services);
    }

    /// <summary>
    /// Adds a hosted service that runs a <see cref="TaskConsumer"/> while the host runs, talking through the registered
    /// <see cref="ITaskCenterClient"/> and logging through the host's <see cref="ILoggerFactory"/>. When no client is
    /// registered, one is, as by <see cref="AddTaskCenterClient"/>: configure it with
    /// <c>services.Configure&lt;TaskCenterClientOptions&gt;(...)</c> or <see cref="AddTaskCenterClient"/>, before or
    /// after this call. Call it once per consumer group. The host's start waits until the group is subscribed (see
    /// <see cref="TaskConsumer.StartAsync"/>); on host shutdown the consumer stops gracefully, and the host's shutdown
    /// timeout also bounds the wait for in-flight handlers.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the consumer's options; <see cref="TaskConsumerOptions.Group"/> is required.</param>
    /// <param name="handlers">Registers the handlers, e.g. <c>h => h.Handle&lt;InvoiceHandler&gt;("invoice").Handle("*", ...)</c>.</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddTaskCenterConsumer(
        this IServiceCollection services, Action<TaskConsumerOptions> configure, Action<TaskConsumerBuilder> handlers)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        ArgumentNullException.ThrowIfNull(handlers);

        TryAddClient(services);
        var builder = new TaskConsumerBuilder(services);
        handlers(builder);

        // AddSingleton rather than AddHostedService: the latter keeps only one registration per implementation type,
        // and several consumers (groups) may be added.
        services.AddSingleton<IHostedService>(sp =>
        {
            var options = new TaskConsumerOptions();
            configure(options);
            var logger = sp.GetService<ILoggerFactory>()?.CreateLogger<TaskConsumer>();
            var consumer = new TaskConsumer(sp.GetRequiredService<ITaskCenterClient>(), options, logger);
            try
            {
                builder.Apply(consumer, sp);
            }
            catch
            {
                consumer.Dispose(); // never started: completes at once
                throw;
            }

            return new TaskConsumerHostedService(consumer);
        });
        return services;
    }

    private static IServiceCollection TryAddClient(IServiceCollection services)
    {
        services.AddOptions<TaskCenterClientOptions>();
        services.TryAddSingleton(sp => new TaskCenterClient(sp.GetRequiredService<IOptions<TaskCenterClientOptions>>().Value));
        services.TryAddSingleton<ITaskCenterClient>(sp => sp.GetRequiredService<TaskCenterClient>());
        return services;
    }
}
