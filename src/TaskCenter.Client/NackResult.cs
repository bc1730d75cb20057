namespace TaskCenter.Client;

/// <summary>What the server did with a negatively acknowledged message (wire field <c>result</c>).</summary>
public enum NackResult
{
    /// <summary>A result this version of the client does not know.</summary>
    Unknown = 0,

    /// <summary>The message is delivered again at <see cref="NackOutcome.RetryAt"/>.</summary>
    Retrying,

    /// <summary>The message ran out of attempts and was moved to the group's dead letters.</summary>
    DeadLettered,
}
