using TaskCenter.Core.Storage;

namespace TaskCenter.Server.Overview;

/// <summary>A scoped key's tasks by type and state, and when they were counted.</summary>
public sealed record ScopedTaskCounts(IReadOnlyList<TaskCount> Tasks, DateTimeOffset CountedAt);
