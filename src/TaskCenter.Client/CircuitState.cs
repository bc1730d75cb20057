namespace TaskCenter.Client;

/// <summary>Whether a server instance is pushing to a push group's target (wire field <c>circuit</c>).</summary>
public enum CircuitState
{
    /// <summary>A state this version of the client does not know.</summary>
    Unknown = 0,

    /// <summary>Pushing.</summary>
    Closed,

    /// <summary>Every recent push failed: nothing is sent (the messages wait, their attempts not spent) until a probe succeeds.</summary>
    Open,
}
