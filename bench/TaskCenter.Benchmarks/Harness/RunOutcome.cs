using TaskCenter.Benchmarks.Results;

namespace TaskCenter.Benchmarks.Harness;

/// <summary>A finished run: its results and where they were written.</summary>
public sealed record RunOutcome(RunResults Results, string JsonPath, string MarkdownPath);
