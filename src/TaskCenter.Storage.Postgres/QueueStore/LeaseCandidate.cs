namespace TaskCenter.Storage.Postgres.QueueStore;

/// <summary>A delivery LeaseAsync may hand out, joined with its fire.</summary>
internal sealed record LeaseCandidate(
    string MsgId, bool IsLeased, int Attempt, string TaskId, string Name, string Data, long FireTimeMs, long? LeaseMs, bool Ack);
