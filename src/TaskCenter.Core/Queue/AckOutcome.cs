namespace TaskCenter.Core.Queue;

/// <summary>
/// The answer to an ack (<see cref="Storage.IFireLedger.AckAsync"/>): the ids that were pending in the group and are now done,
/// or, when one of the ids was never handed out, that id (<see cref="RefusedMsgId"/>) and nothing acked (an ack is all or nothing).
/// </summary>
public sealed record AckOutcome(IReadOnlyList<string> Acked, string? RefusedMsgId = null)
{
    public static AckOutcome Refused(string msgId) => new([], msgId);
}
