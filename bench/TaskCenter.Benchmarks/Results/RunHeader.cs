namespace TaskCenter.Benchmarks.Results;

/// <summary>What every figure of a run goes with: the machine, the date, the commit and the mode.</summary>
public sealed record RunHeader
{
    public required DateTimeOffset Date { get; init; }

    public required string Mode { get; init; }

    /// <summary>Short commit hash, with "+dirty" when the work tree had changes.</summary>
    public required string Commit { get; init; }

    public required MachineInfo Machine { get; init; }

    /// <summary>The keys of the systems run.</summary>
    public required IReadOnlyList<string> Systems { get; init; }

    /// <summary>The command line the harness was given.</summary>
    public required string Arguments { get; init; }

    /// <summary>One line for captions: machine · date · commit · mode.</summary>
    public string Caption =>
        $"{Machine.Summary} · {Date.UtcDateTime:yyyy-MM-dd HH:mm} UTC · commit {Commit} · {Mode}";
}
