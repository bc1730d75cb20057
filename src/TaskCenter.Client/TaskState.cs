namespace TaskCenter.Client;

/// <summary>The lifecycle state of a task (wire field <c>state</c>).</summary>
public enum TaskState
{
    /// <summary>A state this version of the client does not know.</summary>
    Unknown = 0,

    /// <summary>Scheduled, waiting for its next fire time.</summary>
    Pending,

    /// <summary>Currently firing.</summary>
    Active,

    /// <summary>Paused: it does not fire until resumed.</summary>
    Paused,

    /// <summary>Nothing more is scheduled.</summary>
    Finished,
}
