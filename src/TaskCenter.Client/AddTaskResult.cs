namespace TaskCenter.Client;

/// <summary>The answer to <see cref="TaskCenterClient.AddTaskAsync"/>.</summary>
/// <param name="TaskId">The id of the new task, or of the live task with the same name and data that already existed.</param>
/// <param name="Name">The task's name as submitted.</param>
public sealed record AddTaskResult(string TaskId, string Name);
