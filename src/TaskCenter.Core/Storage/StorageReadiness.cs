namespace TaskCenter.Core.Storage;

/// <summary>
/// Whether the storage is initialized (its schema created or migrated): the one signal every background service awaits
/// before its first piece of work, and that the API and <c>/readyz</c> report while it is not (503, naming what the
/// storage waits for). Whoever initializes the storage says so: the server's storage initializer, or a test.
/// </summary>
public sealed class StorageReadiness
{
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile string _waitingFor = "the storage is being initialized";

    public bool IsReady => _ready.Task.IsCompleted;

    /// <summary>What the storage waits for (the last failure of its initialization); null once it is ready.</summary>
    public string? WaitingFor => IsReady ? null : _waitingFor;

    /// <summary>Completes once the storage is ready; throws <see cref="OperationCanceledException"/> when cancelled first.</summary>
    public Task WhenReadyAsync(CancellationToken cancellationToken) => _ready.Task.WaitAsync(cancellationToken);

    /// <summary>Records why the storage is not ready yet.</summary>
    public void Waiting(string reason) => _waitingFor = reason;

    public void Ready() => _ready.TrySetResult();
}
