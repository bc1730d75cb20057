namespace TaskCenter.Core.Queue;

/// <summary>A validated consume call: up to <see cref="Max"/> messages of the group, waiting up to <see cref="Wait"/>.</summary>
public sealed record ConsumeRequest(string Group, TagFilter Tags, int Max, TimeSpan Wait, TimeSpan Lease)
{
    /// <summary>The name of the API key calling; a group it makes belongs to it. Null without keys.</summary>
    public string? Owner { get; init; }
}
