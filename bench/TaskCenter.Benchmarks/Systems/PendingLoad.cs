namespace TaskCenter.Benchmarks.Systems;

/// <summary>
/// Pending one-shot jobs <see cref="FirstIndex"/>.. (<see cref="Count"/> of them) due at <see cref="DueAt"/> (far
/// ahead), plus one probe job <see cref="ProbeIndex"/> due at <see cref="ProbeDueAt"/> (already past when the system
/// starts), whose fire marks the end of the system's start-up.
/// </summary>
public sealed record PendingLoad(int Count, int FirstIndex, DateTimeOffset DueAt, int ProbeIndex, DateTimeOffset ProbeDueAt);
