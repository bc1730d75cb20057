using TaskCenter.Core.Storage;

namespace TaskCenter.Server.Composition;

/// <summary>Creates or migrates the schema before the engine and the API start.</summary>
public sealed class StorageInitializer(ITaskStore store, ILogger<StorageInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await store.InitializeAsync(cancellationToken);
        logger.LogInformation("Storage ready");
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
