namespace TaskCenter.Client;

/// <summary>The task an <see cref="ITaskCenterClient.AddTaskAsync"/> resolved to.</summary>
/// <param name="TaskId">The id of the new task, or of the live task with the same name and data that already existed.</param>
/// <param name="Name">The task's name as submitted.</param>
public sealed record TaskReference(string TaskId, string Name);
