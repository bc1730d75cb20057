namespace TaskCenter.Core.Storage;

/// <summary>One engine pass: how many due tasks it took, and the fires its commit recorded.</summary>
public readonly record struct DueBatch(int Due, IReadOnlyList<FireRecord> Recorded);
