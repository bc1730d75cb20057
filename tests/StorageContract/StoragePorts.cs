using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TaskCenter.Core.Delivery;
using TaskCenter.Core.Instances;
using TaskCenter.Core.Limits;
using TaskCenter.Core.Push;
using TaskCenter.Core.Queue;
using TaskCenter.Core.Storage;

namespace TaskCenter.StorageContract;

/// <summary>One storage instance as its backend registers it: its ports, resolved from a service provider of its own.</summary>
public sealed class StoragePorts(ServiceProvider services) : IDisposable, IAsyncDisposable
{
    public ITaskStore Tasks { get; } = services.GetRequiredService<ITaskStore>();

    public ITaskReader Reader { get; } = services.GetRequiredService<ITaskReader>();

    public IFireLedger Ledger { get; } = services.GetRequiredService<IFireLedger>();

    public IInstanceRegistry Instances { get; } = services.GetRequiredService<IInstanceRegistry>();

    public IPushGroupStore PushGroups { get; } = services.GetRequiredService<IPushGroupStore>();

    /// <summary>What the backend registered besides its ports (its database, for a backend's own tests).</summary>
    public IServiceProvider Services => services;

    /// <summary>
    /// A storage instance (not initialized) registered by <paramref name="addStorage"/>, with these queue settings and
    /// limits (the contract's defaults when null), recording fires as <paramref name="routing"/> says, logging to
    /// <paramref name="logger"/> when given.
    /// </summary>
    public static StoragePorts Create(
        Action<IServiceCollection> addStorage,
        QueueOptions? queue = null,
        LimitOptions? limits = null,
        ILogger? logger = null,
        FireRouting routing = FireRouting.BuiltInQueue)
    {
        ArgumentNullException.ThrowIfNull(addStorage);
        var registrations = new ServiceCollection()
            .AddSingleton(Options.Create(queue ?? Build.DefaultQueue()))
            .AddSingleton(Options.Create(limits ?? new LimitOptions()))
            .AddSingleton(Options.Create(new DeliveryOptions { Routing = routing }));
        if (logger is not null)
        {
            registrations.AddSingleton<ILoggerFactory>(new OneLoggerFactory(logger));
        }

        addStorage(registrations);
        return new StoragePorts(registrations.BuildServiceProvider());
    }

    /// <summary>Closes the storage instance (its connections), as a host does when it stops.</summary>
    public void Dispose() => services.Dispose();

    /// <inheritdoc cref="Dispose"/>
    public ValueTask DisposeAsync() => services.DisposeAsync();

    /// <summary>Every category logs to the one logger a test reads.</summary>
    private sealed class OneLoggerFactory(ILogger logger) : ILoggerFactory
    {
        public ILogger CreateLogger(string categoryName) => logger;

        public void AddProvider(ILoggerProvider provider) => throw new NotSupportedException();

        public void Dispose()
        {
        }
    }
}
