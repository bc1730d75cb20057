using System.Runtime.CompilerServices;
using TaskCenter.Client.Internal;
using TaskCenter.Contracts;

namespace TaskCenter.Client;

// Managing tasks beyond the seed's API: list and page, pause, resume, trigger, update, upcoming fires, fire history,
// batch add, the overview.
public sealed partial class TaskCenterClient
{
    /// <summary>The most tasks <see cref="AddTasksAsync"/> takes in one call.</summary>
    public const int MaxTasksPerBatch = 1000;

    /// <summary>The most tasks one page of <see cref="ListTasksAsync"/> may ask for.</summary>
    public const int MaxTasksPerPage = 500;

    /// <summary>
    /// Lists a page of tasks, in name order, then creation, then id (<c>GET /v1/api/tasks</c>). A page may hold fewer
    /// than <paramref name="limit"/> tasks when their data reaches the server's answer size (<c>Limits:MaxResponseBytes</c>).
    /// To walk every page, pass each page's <see cref="TaskPage.Next"/> as <paramref name="after"/>, or use <see cref="ListAllTasksAsync"/>.
    /// </summary>
    /// <param name="filter">Which tasks; <see langword="null"/> for all.</param>
    /// <param name="limit">The most tasks of the page, 1–500; <see langword="null"/> for the server's default (50).</param>
    /// <param name="after">The <see cref="TaskPage.Next"/> of the previous page; <see langword="null"/> for the first page.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <exception cref="ArgumentOutOfRangeException">The filter's state is <see cref="TaskState.Unknown"/>.</exception>
    public async Task<TaskPage> ListTasksAsync(
        TaskFilter? filter = null, int? limit = null, string? after = null, CancellationToken cancellationToken = default)
    {
        var query = new QueryBuilder("v1/api/tasks")
            .Add("name", filter?.Name)
            .Add("name_prefix", filter?.NamePrefix)
            .Add("type", filter?.Type is { } type ? (int)type : null)
            .Add("state", filter?.State is { } state ? WireMapper.ToWire(state) : null)
            .Add("limit", limit)
            .Add("after", after);
        var response = await GetAsync(query.ToString(), ClientJson.Of<TaskListResponse>(), cancellationToken)
            .ConfigureAwait(false);
        return new TaskPage([.. (response.Tasks ?? []).Select(WireMapper.ToModel)], string.IsNullOrEmpty(response.Next) ? null : response.Next);
    }

    /// <summary>Lists every task that matches <paramref name="filter"/>, page after page (<see cref="ListTasksAsync"/>), as it goes.</summary>
    /// <param name="filter">Which tasks; <see langword="null"/> for all.</param>
    /// <param name="pageSize">Tasks per request, 1–500; <see langword="null"/> for the server's default (50).</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    public async IAsyncEnumerable<TaskInfo> ListAllTasksAsync(
        TaskFilter? filter = null, int? pageSize = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        string? after = null;
        do
        {
            var page = await ListTasksAsync(filter, pageSize, after, cancellationToken).ConfigureAwait(false);
            foreach (var task in page.Tasks)
            {
                yield return task;
            }

            after = page.Next;
        }
        while (after is not null);
    }

    /// <summary>
    /// Pauses a task (<c>POST /v1/api/tasks/{id}/pause</c>): it fires no more until resumed. Pausing a paused task changes
    /// nothing. Throws <see cref="TaskCenterApiException"/> 404 for an unknown task, 409 for a finished one.
    /// </summary>
    /// <param name="id">The task id.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The task as it is now.</returns>
    public Task<TaskInfo> PauseTaskAsync(string id, CancellationToken cancellationToken = default) =>
        TaskActionAsync(id, "pause", cancellationToken);

    /// <summary>
    /// Resumes a paused task from now on (<c>POST /v1/api/tasks/{id}/resume</c>); the times it missed while paused are not
    /// fired. Resuming a task that is not paused changes nothing. Throws <see cref="TaskCenterApiException"/> 404 for an
    /// unknown task, 409 for a finished one or one with no fire left in its schedule.
    /// </summary>
    /// <param name="id">The task id.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The task as it is now, with its next fire.</returns>
    public Task<TaskInfo> ResumeTaskAsync(string id, CancellationToken cancellationToken = default) =>
        TaskActionAsync(id, "resume", cancellationToken);

    /// <summary>
    /// Fires a task once now, besides its schedule (<c>POST /v1/api/tasks/{id}/trigger</c>): the fire is delivered like any
    /// other; the task's schedule, state and fire count stay as they are (a paused or finished task can be triggered too).
    /// Throws <see cref="TaskCenterApiException"/> 404 for an unknown task.
    /// </summary>
    /// <param name="id">The task id.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public async Task<TriggerResult> TriggerTaskAsync(string id, CancellationToken cancellationToken = default)
    {
        var response = (await SendAsync(
            HttpMethod.Post, TaskPath(id, "/trigger"), content: null, ClientJson.Of<TriggerResponse>(), TimeSpan.Zero,
            nullOn404: false, cancellationToken).ConfigureAwait(false))!;
        return WireMapper.ToModel(response, id);
    }

    /// <summary>
    /// Changes a task's payload, schedule or limits (<c>PATCH /v1/api/tasks/{id}</c>); its next fire is recomputed. The
    /// changed task is validated as on add: <see cref="TaskCenterApiException"/> 400 names the field; 404 for an unknown task.
    /// </summary>
    /// <param name="id">The task id.</param>
    /// <param name="change">The fields to change.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The task as it is now.</returns>
    /// <exception cref="ArgumentException">The change sets nothing, has a duration that is not whole seconds, or both sets and removes a time.</exception>
    public async Task<TaskInfo> UpdateTaskAsync(string id, TaskChange change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (change.IsEmpty)
        {
            throw new ArgumentException("The change sets no field.", nameof(change));
        }

        var dto = (await SendAsync(
            HttpMethod.Patch, TaskPath(id, string.Empty), Serialize(WireMapper.ToWire(change), ClientJson.Of<UpdateTaskRequest>()),
            ClientJson.Of<TaskResponse>(), TimeSpan.Zero, nullOn404: false, cancellationToken).ConfigureAwait(false))!;
        return WireMapper.ToModel(dto);
    }

    /// <summary>
    /// Gets a task's upcoming fires as scheduled now, its limits applied (<c>GET /v1/api/tasks/{id}/next</c>); none for a
    /// paused or finished task. Throws <see cref="TaskCenterApiException"/> 404 for an unknown task.
    /// </summary>
    /// <param name="id">The task id.</param>
    /// <param name="count">How many, 1–100; <see langword="null"/> for the server's default (10).</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public async Task<NextFires> GetNextFiresAsync(string id, int? count = null, CancellationToken cancellationToken = default)
    {
        var query = new QueryBuilder(TaskPath(id, "/next")).Add("count", count);
        var response = await GetAsync(query.ToString(), ClientJson.Of<NextFiresResponse>(), cancellationToken)
            .ConfigureAwait(false);
        return WireMapper.ToModel(response);
    }

    /// <summary>
    /// Gets a page of a task's fires and what became of each in every consumer group, latest first
    /// (<c>GET /v1/api/tasks/{id}/fires</c>). Throws <see cref="TaskCenterApiException"/> 404 for an unknown task.
    /// </summary>
    /// <param name="id">The task id.</param>
    /// <param name="limit">The most fires, 1–500; <see langword="null"/> for the server's default (50).</param>
    /// <param name="before">The <see cref="FireHistoryPage.Next"/> of the previous page (only fires before it, to the millisecond); <see langword="null"/> for the latest.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public async Task<FireHistoryPage> GetFireHistoryAsync(
        string id, int? limit = null, DateTimeOffset? before = null, CancellationToken cancellationToken = default)
    {
        var query = new QueryBuilder(TaskPath(id, "/fires"))
            .Add("limit", limit)
            .Add("before", WireMapper.ToUnixMilliseconds(before));
        var response = await GetAsync(query.ToString(), ClientJson.Of<FireHistoryResponse>(), cancellationToken)
            .ConfigureAwait(false);
        return WireMapper.ToModel(response);
    }

    /// <summary>
    /// Adds many tasks in one request, all or nothing (<c>POST /v1/api/tasks/batch</c>). At most
    /// <see cref="MaxTasksPerBatch"/> tasks per call: this method does not split, so split a larger import into several
    /// calls (each of them is all or nothing on its own). A task equal to a live task (same name and data), or to an
    /// earlier task of the batch, is not added again: its <see cref="AddedTask.Created"/> is <see langword="false"/>.
    /// </summary>
    /// <remarks>
    /// When the server refuses one task, nothing is added and <see cref="TaskCenterApiException"/> (400, or 413 for a
    /// payload too large) is thrown; its <see cref="TaskCenterApiException.Msg"/> starts with the task's index and field,
    /// e.g. <c>tasks[3].crontab ...</c>. An empty batch or one over the limit is refused with 400 as well.
    /// </remarks>
    /// <param name="tasks">The tasks, at most <see cref="MaxTasksPerBatch"/>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>One result per task, in the order given.</returns>
    /// <exception cref="ArgumentException">A task's <see cref="NewTask.LoopTime"/> or <see cref="NewTask.MaxRuntime"/> is not whole seconds.</exception>
    public async Task<IReadOnlyList<AddedTask>> AddTasksAsync(IEnumerable<NewTask> tasks, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        var body = new AddTasksRequest { Tasks = [.. tasks.Select(WireMapper.ToWire)] };
        var response = await PostAsync(
            "v1/api/tasks/batch", body, ClientJson.Of<AddTasksRequest>(), ClientJson.Of<AddTasksResponse>(),
            cancellationToken).ConfigureAwait(false);
        return [.. (response.Tasks ?? []).Select(added => new AddedTask(added.TaskId ?? string.Empty, added.Name ?? string.Empty, added.Created))];
    }

    /// <summary>
    /// Gets the deployment's overview (<c>GET /v1/api/overview</c>): tasks by type and state, each consumer group's
    /// backlog, fires not routed or not published, the server instances, and fires per minute.
    /// </summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    public async Task<TaskCenterOverview> GetOverviewAsync(CancellationToken cancellationToken = default) =>
        WireMapper.ToModel(await GetAsync("v1/api/overview", ClientJson.Of<OverviewResponse>(), cancellationToken)
            .ConfigureAwait(false));

    /// <summary>The path of one task, or of one of its sub-resources (<paramref name="suffix"/> starting with <c>/</c>).</summary>
    private static string TaskPath(string id, string suffix)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        return "v1/api/tasks/" + Uri.EscapeDataString(id) + suffix;
    }

    private async Task<TaskInfo> TaskActionAsync(string id, string action, CancellationToken cancellationToken)
    {
        var dto = (await SendAsync(
            HttpMethod.Post, TaskPath(id, "/" + action), content: null, ClientJson.Of<TaskResponse>(), TimeSpan.Zero,
            nullOn404: false, cancellationToken).ConfigureAwait(false))!;
        return WireMapper.ToModel(dto);
    }
}
