namespace TaskCenter.Core.Storage;

/// <summary>The id the caller gets back, and whether a new task was stored (false: a live task with the same name and data exists).</summary>
public readonly record struct AddTaskResult(string Id, bool Created);
