using System.ComponentModel.DataAnnotations;

namespace TaskCenter.Core.Limits;

/// <summary>
/// Section "Limits": bounds on what one request, or one API key, can make the server hold — answer sizes, consumer
/// groups and their subscriptions. Every limit is named in the error of a request that goes over it.
/// </summary>
public sealed class LimitOptions
{
    public const string Section = "Limits";

    /// <summary>
    /// Payload bytes one answer may carry (task lists and queries, consumed messages, dead letters): a page ends before
    /// the item that would go over it, but always holds at least one item.
    /// </summary>
    [Range(typeof(long), "1", "1073741824")]
    public long MaxResponseBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>Tags (and tag patterns) one subscription may name.</summary>
    [Range(1, 100_000)]
    public int MaxTagsPerSubscription { get; set; } = 256;

    /// <summary>Length of a subscription's tag expression, in characters.</summary>
    [Range(1, 1024 * 1024)]
    public int MaxTagExpressionLength { get; set; } = 8 * 1024;

    /// <summary>Consumer groups the server keeps, all keys together.</summary>
    [Range(1, 1_000_000)]
    public int MaxGroups { get; set; } = 1_000;

    /// <summary>Consumer groups one API key may create (when API keys are configured).</summary>
    [Range(1, 1_000_000)]
    public int MaxGroupsPerKey { get; set; } = 100;
}
