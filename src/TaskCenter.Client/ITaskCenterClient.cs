namespace TaskCenter.Client;

/// <summary>
/// The TaskCenter HTTP API (<c>/v1/api/...</c>): tasks, declared groups, the built-in queue and dead letters. <see cref="TaskCenterClient"/>
/// implements it; depend on this interface to substitute the client in tests or to decorate it. Members may be added in
/// later versions: implement it only in code you build along with the SDK.
/// </summary>
public interface ITaskCenterClient
{
    /// <inheritdoc cref="TaskCenterClient.BaseAddress"/>
    Uri BaseAddress { get; }

    /// <inheritdoc cref="ITaskCenterClient.AddTaskAsync"/>
    Task<TaskReference> AddTaskAsync(NewTask task, CancellationToken cancellationToken = default);

    /// <inheritdoc cref="ITaskCenterClient.AddTasksAsync"/>
    Task<IReadOnlyList<AddedTask>> AddTasksAsync(IEnumerable<NewTask> tasks, CancellationToken cancellationToken = default);

    /// <inheritdoc cref="TaskCenterClient.GetTaskAsync"/>
    Task<TaskInfo?> GetTaskAsync(string id, CancellationToken cancellationToken = default);

    /// <inheritdoc cref="TaskCenterClient.GetTasksByNameAsync"/>
    Task<IReadOnlyList<TaskInfo>> GetTasksByNameAsync(string name, CancellationToken cancellationToken = default);

    /// <inheritdoc cref="TaskCenterClient.ListTasksAsync"/>
    Task<TaskPage> ListTasksAsync(
        TaskFilter? filter = null, int? limit = null, string? after = null, CancellationToken cancellationToken = default);

    /// <inheritdoc cref="TaskCenterClient.ListAllTasksAsync"/>
    IAsyncEnumerable<TaskInfo> ListAllTasksAsync(
        TaskFilter? filter = null, int? pageSize = null, CancellationToken cancellationToken = default);

    /// <inheritdoc cref="TaskCenterClient.UpdateTaskAsync"/>
    Task<TaskInfo> UpdateTaskAsync(string id, TaskChange change, CancellationToken cancellationToken = default);

    /// <inheritdoc cref="TaskCenterClient.PauseTaskAsync"/>
    Task<TaskInfo> PauseTaskAsync(string id, CancellationToken cancellationToken = default);

    /// <inheritdoc cref="TaskCenterClient.ResumeTaskAsync"/>
    Task<TaskInfo> ResumeTaskAsync(string id, CancellationToken cancellationToken = default);

    /// <inheritdoc cref="TaskCenterClient.TriggerTaskAsync"/>
    Task<TriggerResult> TriggerTaskAsync(string id, CancellationToken cancellationToken = default);

    /// <inheritdoc cref="TaskCenterClient.DeleteTasksAsync"/>
    Task<IReadOnlyList<string>> DeleteTasksAsync(IEnumerable<string> ids, CancellationToken cancellationToken = default);

    /// <inheritdoc cref="TaskCenterClient.DeleteTasksByNameAsync"/>
    Task<IReadOnlyList<string>> DeleteTasksByNameAsync(string name, CancellationToken cancellationToken = default);

    /// <inheritdoc cref="TaskCenterClient.GetNextFiresAsync"/>
    Task<NextFires> GetNextFiresAsync(string id, int? count = null, CancellationToken cancellationToken = default);

    /// <inheritdoc cref="TaskCenterClient.GetFireHistoryAsync"/>
    Task<FireHistoryPage> GetFireHistoryAsync(
        string id, int? limit = null, DateTimeOffset? before = null, CancellationToken cancellationToken = default);

    /// <inheritdoc cref="TaskCenterClient.GetCrontabNextAsync"/>
    Task<NextFires> GetCrontabNextAsync(
        string crontab, string? timeZone = null, DateTimeOffset? from = null, int? count = null,
        CancellationToken cancellationToken = default);

    /// <inheritdoc cref="TaskCenterClient.GetStatAsync"/>
    Task<IReadOnlyDictionary<string, long>> GetStatAsync(CancellationToken cancellationToken = default);

    /// <inheritdoc cref="TaskCenterClient.GetOverviewAsync"/>
    Task<TaskCenterOverview> GetOverviewAsync(CancellationToken cancellationToken = default);

    /// <inheritdoc cref="TaskCenterClient.PutGroupAsync"/>
    Task<GroupInfo> PutGroupAsync(string group, GroupDeclaration declaration, CancellationToken cancellationToken = default);

    /// <inheritdoc cref="TaskCenterClient.GetGroupAsync"/>
    Task<GroupInfo?> GetGroupAsync(string group, CancellationToken cancellationToken = default);

    /// <inheritdoc cref="TaskCenterClient.DeleteGroupAsync"/>
    Task<RemovedGroup?> DeleteGroupAsync(string group, CancellationToken cancellationToken = default);

    /// <inheritdoc cref="ITaskCenterClient.ConsumeAsync"/>
    Task<IReadOnlyList<TaskMessage>> ConsumeAsync(ConsumeRequest request, CancellationToken cancellationToken = default);

    /// <inheritdoc cref="TaskCenterClient.AckAsync"/>
    Task<IReadOnlyList<string>> AckAsync(string group, IEnumerable<string> msgIds, CancellationToken cancellationToken = default);

    /// <inheritdoc cref="ITaskCenterClient.NackAsync"/>
    Task<NackOutcome> NackAsync(string group, string msgId, string? failure, CancellationToken cancellationToken = default);

    /// <inheritdoc cref="TaskCenterClient.GetDeadLettersAsync"/>
    Task<IReadOnlyList<DeadLetter>> GetDeadLettersAsync(
        string group, int? limit = null, string? after = null, CancellationToken cancellationToken = default);

    /// <inheritdoc cref="TaskCenterClient.RedriveDeadLettersAsync"/>
    Task<IReadOnlyList<string>> RedriveDeadLettersAsync(
        string group, IEnumerable<string>? msgIds = null, CancellationToken cancellationToken = default);

    /// <inheritdoc cref="TaskCenterClient.PurgeDeadLettersAsync"/>
    Task<IReadOnlyList<string>> PurgeDeadLettersAsync(
        string group, IEnumerable<string>? msgIds = null, CancellationToken cancellationToken = default);
}
