using TaskCenter.Core.Queue;

namespace TaskCenter.Core.Push;

/// <summary>
/// A push group as stored: a consumer group whose messages the server POSTs to a target instead of consumers pulling them.
/// </summary>
/// <param name="Name">The group's name (the same namespace as pull groups).</param>
/// <param name="Tags">Its tag subscription.</param>
/// <param name="Push">Its target.</param>
/// <param name="Owner">The name of the API key that declared it; null without keys.</param>
/// <param name="UpdatedAt">When it was declared or last changed.</param>
public sealed record PushGroup(string Name, TagFilter Tags, PushSettings Push, string? Owner, DateTimeOffset UpdatedAt);
