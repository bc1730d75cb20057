namespace TaskCenter.Core.Queue;

/// <summary>A validated consume call: up to <see cref="Max"/> messages of the group, waiting up to <see cref="Wait"/>.</summary>
public sealed record ConsumeRequest(string Group, TagFilter Tags, int Max, TimeSpan Wait, TimeSpan Lease);
