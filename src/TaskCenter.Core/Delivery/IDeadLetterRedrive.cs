namespace TaskCenter.Core.Delivery;

/// <summary>Sends dead letters back to their consumer group with a fresh retry budget, through whichever transport delivers.</summary>
public interface IDeadLetterRedrive
{
    /// <summary>Redrives the given dead letters of the group (all of them when <paramref name="msgIds"/> is null); returns the ids moved.</summary>
    Task<IReadOnlyList<string>> RedriveAsync(string group, IReadOnlyList<string>? msgIds, CancellationToken cancellationToken);
}
