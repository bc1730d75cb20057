namespace TaskCenter.Benchmarks.Results;

/// <summary>Which way a figure is better; decides whether it appears in the TaskCenter / peer ratios.</summary>
public enum Better
{
    /// <summary>Not compared (a count such as N or missed fires).</summary>
    None,

    /// <summary>A rate: more is better.</summary>
    Higher,

    /// <summary>A time or a size: less is better.</summary>
    Lower,
}
