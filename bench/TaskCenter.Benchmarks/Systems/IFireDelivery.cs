using TaskCenter.Client;

namespace TaskCenter.Benchmarks.Systems;

/// <summary>
/// How the fires of the jobs a <see cref="TaskCenterEndToEnd"/> system added reach the harness's <see cref="FireLog"/>:
/// the SDK's consumer pulling them (<see cref="ConsumerDelivery"/>), or the server pushing them (<see cref="PushDelivery"/>).
/// </summary>
public interface IFireDelivery : IAsyncDisposable
{
    /// <summary>What the system's name says about it, e.g. "SDK consumer".</summary>
    string Label { get; }

    /// <summary>Starts receiving from the servers behind <paramref name="clients"/>; returns once the jobs' group is declared.</summary>
    Task StartAsync(IReadOnlyList<TaskCenterClient> clients, FireLog log, CancellationToken cancellationToken);

    /// <summary>Stops receiving (the servers are stopped after it).</summary>
    Task StopAsync(CancellationToken cancellationToken);
}
