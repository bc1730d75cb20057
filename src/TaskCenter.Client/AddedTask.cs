namespace TaskCenter.Client;

/// <summary>One task of <see cref="TaskCenterClient.AddTasksAsync"/>'s answer, in the order the tasks were given.</summary>
/// <param name="TaskId">The id of the new task, or of the live task with the same name and data that already existed.</param>
/// <param name="Name">The task's name.</param>
/// <param name="Created"><see langword="false"/> when an equal live task (or an earlier task of the batch) was found instead.</param>
public sealed record AddedTask(string TaskId, string Name, bool Created);
