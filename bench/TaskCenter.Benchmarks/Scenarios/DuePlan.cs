namespace TaskCenter.Benchmarks.Scenarios;

/// <summary>How many jobs a scenario schedules on a system, and when the first is due.</summary>
/// <param name="Jobs">The scenario's N for this system: reduced when adding them all would exceed the mode's budget.</param>
/// <param name="FirstDue">A whole second by which all <paramref name="Jobs"/> should have been added.</param>
/// <param name="AddsPerSecond">The add rate measured by the calibration.</param>
/// <param name="Requested">The N asked for (after the system's cap).</param>
public sealed record DuePlan(int Jobs, DateTimeOffset FirstDue, double AddsPerSecond, int Requested)
{
    public bool Reduced => Jobs < Requested;

    /// <summary>A note for the row when N was reduced.</summary>
    public string ReducedNote(TimeSpan budget) =>
        $"N reduced from {Requested:N0} to fit the {budget.TotalSeconds:0} s scheduling budget at {AddsPerSecond:N0} adds/s";
}
