namespace TaskCenter.Server.Push;

/// <summary>Pushes one push group's messages, read from the delivery transport, as long as its settings stay those of <see cref="Target"/>.</summary>
internal interface IGroupPusher : IDisposable
{
    PushTarget Target { get; }

    /// <summary>Pushes until <paramref name="stoppingToken"/> is cancelled, then waits for the pushes in flight and their settling.</summary>
    Task RunAsync(CancellationToken stoppingToken);
}
