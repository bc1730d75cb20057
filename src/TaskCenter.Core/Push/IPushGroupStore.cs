namespace TaskCenter.Core.Push;

/// <summary>
/// Where push groups' targets and their push attempts are kept (the same storage as tasks, so every server instance
/// sharing it pushes for the same groups). Every method happens whole or not at all.
/// </summary>
public interface IPushGroupStore
{
    /// <summary>
    /// Stores a push group, or replaces the one of that name (keeping its owner). A new one is stored only while fewer
    /// than <paramref name="maxGroups"/> are; else nothing is written.
    /// </summary>
    Task<PushGroupWrite> PutAsync(PushGroup group, int maxGroups, CancellationToken cancellationToken);

    /// <summary>The push group of that name, or null.</summary>
    Task<PushGroup?> GetAsync(string name, CancellationToken cancellationToken);

    /// <summary>Every push group, by name (there are at most <c>Push:MaxGroups</c>).</summary>
    Task<IReadOnlyList<PushGroup>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Removes a push group's target (not its attempts: they go with the fire history); false when there was none.</summary>
    Task<bool> DeleteAsync(string name, CancellationToken cancellationToken);

    /// <summary>Records push attempts (idempotent: an attempt of a (msgid, group, attempt) already recorded is replaced).</summary>
    Task RecordAttemptsAsync(IReadOnlyList<PushAttempt> attempts, CancellationToken cancellationToken);

    /// <summary>The push attempts of these fires, by msgid, group and attempt.</summary>
    Task<IReadOnlyList<PushAttempt>> ListAttemptsAsync(IReadOnlyList<string> msgIds, CancellationToken cancellationToken);

    /// <summary>Drops attempts sent before <paramref name="before"/> (housekeeping, with the fire history); returns how many.</summary>
    Task<int> PurgeAttemptsAsync(DateTimeOffset before, CancellationToken cancellationToken);
}
