using TaskCenter.Core.Storage;

namespace TaskCenter.Server.Overview;

/// <summary>A census and when it was taken.</summary>
public sealed record CensusSnapshot(TaskCensus Census, DateTimeOffset CountedAt);
