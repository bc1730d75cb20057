namespace TaskCenter.Benchmarks.Results;

/// <summary>One figure a scenario reports: its key in the JSON, its table header, how to print it, which way is better.</summary>
/// <param name="Key">The key in <see cref="SystemRow.Metrics"/> and in the JSON.</param>
/// <param name="Header">The table header, with its unit.</param>
/// <param name="Format">A .NET number format, e.g. "N0" or "F1".</param>
/// <param name="Better">Which way is better; <see cref="Better.None"/> for counts that are not compared in the ratios.</param>
public sealed record MetricColumn(string Key, string Header, string Format, Better Better = Better.None);
