namespace TaskCenter.Core.Instances;

/// <summary>Where server instances sharing one storage report themselves (the dashboard's instance list and fire chart).</summary>
public interface IInstanceRegistry
{
    /// <summary>Records (or replaces) this instance's heartbeat, and forgets instances not seen since <paramref name="forgetBefore"/>.</summary>
    Task BeatAsync(InstanceHeartbeat heartbeat, DateTimeOffset forgetBefore, CancellationToken cancellationToken);

    /// <summary>Every instance's last heartbeat, most recently started first.</summary>
    Task<IReadOnlyList<InstanceHeartbeat>> ListInstancesAsync(CancellationToken cancellationToken);
}
