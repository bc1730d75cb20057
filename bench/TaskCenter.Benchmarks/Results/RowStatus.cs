namespace TaskCenter.Benchmarks.Results;

/// <summary>Whether a row holds figures.</summary>
public enum RowStatus
{
    /// <summary>Measured.</summary>
    Ok,

    /// <summary>Not run, on purpose (a cap, a missing tool); the note says why.</summary>
    Skipped,

    /// <summary>Ran and failed or timed out; the note says how.</summary>
    Failed,
}
