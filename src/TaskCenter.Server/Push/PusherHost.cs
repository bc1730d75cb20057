using TaskCenter.Core.Storage;

namespace TaskCenter.Server.Push;

/// <summary>
/// Runs a pusher for each push group, from the moment the storage is ready: started when a group is declared, replaced
/// when its settings change, stopped when it is deleted. How a group's messages are read is the transport's
/// (<see cref="BuiltInPusher"/>, <see cref="RabbitMqPusher"/>); several server instances push for the same groups, and
/// the transport gives each message to one of them at a time.
/// </summary>
internal abstract class PusherHost(PushGroupRegistry registry, StorageReadiness readiness, TimeProvider time, ILogger logger) : BackgroundService
{
    protected TimeProvider Time => time;

    protected ILogger Logger => logger;

    private readonly Dictionary<string, (IGroupPusher Pusher, CancellationTokenSource Stop, Task Running)> _running = new(StringComparer.Ordinal);

    /// <summary>Pushers of deleted or changed groups, finishing their pushes in flight.</summary>
    private readonly List<Task> _stopping = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await readiness.WhenReadyAsync(stoppingToken);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var changed = registry.Changed.Current;
                try
                {
                    await registry.RefreshAsync(stoppingToken);
                }
                catch (StorageUnavailableException e)
                {
                    logger.LogWarning("Push groups not read: {Error}; trying again in {Interval}", e.Message, PushGroupRegistry.RefreshInterval);
                }

                Reconcile(stoppingToken);
                await registry.Changed.WaitUntilAsync(changed, time.GetUtcNow() + PushGroupRegistry.RefreshInterval, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            await StopAllAsync();
        }
    }

    private void Reconcile(CancellationToken stoppingToken)
    {
        var targets = registry.Targets.ToDictionary(target => target.Group.Name, StringComparer.Ordinal);
        foreach (var (name, running) in _running.ToList())
        {
            if (!targets.TryGetValue(name, out var target) || !ReferenceEquals(target, running.Pusher.Target))
            {
                _stopping.Add(StopAsync(name, running));
            }
        }

        _stopping.RemoveAll(task => task.IsCompleted);
        foreach (var (name, target) in targets)
        {
            if (!_running.ContainsKey(name))
            {
                var pusher = Create(target);
                var stop = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                _running[name] = (pusher, stop, Task.Run(() => pusher.RunAsync(stop.Token), CancellationToken.None));
                logger.LogInformation("Push group {Group}: pushing {Tags} to {Url}", name, target.Group.Tags.Expression, target.Group.Push.Url);
            }
        }
    }

    /// <summary>A pusher of the group <paramref name="target"/> describes.</summary>
    protected abstract IGroupPusher Create(PushTarget target);

    private async Task StopAsync(string name, (IGroupPusher Pusher, CancellationTokenSource Stop, Task Running) running)
    {
        _running.Remove(name);
        running.Stop.Cancel();
        await running.Running;
        running.Stop.Dispose();
        running.Pusher.Dispose();
    }

    private async Task StopAllAsync()
    {
        foreach (var (name, running) in _running.ToList())
        {
            _stopping.Add(StopAsync(name, running));
        }

        await Task.WhenAll(_stopping);
    }
}
