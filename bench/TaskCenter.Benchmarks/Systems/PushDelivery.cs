using TaskCenter.Client;

namespace TaskCenter.Benchmarks.Systems;

/// <summary>
/// The jobs' group declared as a push group whose target is a <see cref="PushReceiver"/> in the harness process: every
/// server instance POSTs each fire to it, at most <see cref="MaxConcurrency"/> requests in flight per instance.
/// </summary>
public sealed class PushDelivery : IFireDelivery
{
    /// <summary>
    /// The group's max_concurrency. Measured on 2 cores (quick S2/S3, docs/benchmarks.md#push-delivery): 16 leaves the
    /// burst waiting on round trips, more than 64 only adds connections and context switches.
    /// </summary>
    public const int MaxConcurrency = 64;

    private PushReceiver? _receiver;

    public string Label => "pushed to a Kestrel receiver";

    public async Task StartAsync(IReadOnlyList<TaskCenterClient> clients, FireLog log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(clients);
        _receiver = await PushReceiver.StartAsync(log, cancellationToken);

        // One declaration serves every instance: they share the group and each pushes the messages it leases.
        await clients[0].PutGroupAsync(
            JobPayload.Group,
            new GroupDeclaration
            {
                Tags = "*",
                Push = new PushTarget { Url = _receiver.Url, MaxConcurrency = MaxConcurrency },
            },
            cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (_receiver is not null)
        {
            await _receiver.DisposeAsync();
        }
    }
}
