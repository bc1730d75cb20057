namespace TaskCenter.Core.Queue;

public enum NackResult
{
    /// <summary>No such message pending in that group (already acked, dead, or never routed to it).</summary>
    NotFound,

    /// <summary>It comes back at <see cref="NackOutcome.RetryAt"/>.</summary>
    Retrying,

    /// <summary>Its retries are used up; it is in the group's dead-letter list.</summary>
    DeadLettered,

    /// <summary>It is pending but was never handed out (since it was recorded or redriven): refused, nothing changed.</summary>
    NotHandedOut,
}

public readonly record struct NackOutcome(NackResult Result, DateTimeOffset? RetryAt = null);
