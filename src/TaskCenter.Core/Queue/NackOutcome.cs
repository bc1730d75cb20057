namespace TaskCenter.Core.Queue;

public enum NackResult
{
    /// <summary>No such message in that group (already acked, dead, or never delivered to it).</summary>
    NotFound,

    /// <summary>It comes back at <see cref="NackOutcome.RetryAt"/>.</summary>
    Retrying,

    /// <summary>Its retries are used up; it is in the group's dead-letter list.</summary>
    DeadLettered,
}

public readonly record struct NackOutcome(NackResult Result, DateTimeOffset? RetryAt = null);
