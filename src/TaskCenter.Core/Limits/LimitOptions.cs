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
    public long MaxResponseBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>Tags (and tag patterns) one subscription may name.</summary>
    public int MaxTagsPerSubscription { get; set; } = 256;

    /// <summary>Length of a subscription's tag expression, in characters.</summary>
    public int MaxTagExpressionLength { get; set; } = 8 * 1024;

    /// <summary>Consumer groups the server keeps, all keys together.</summary>
    public int MaxGroups { get; set; } = 10_000;

    /// <summary>Consumer groups one API key may create (when API keys are configured).</summary>
    public int MaxGroupsPerKey { get; set; } = 100;
}
