using TaskCenter.Client.Internal;
using TaskCenter.Contracts;

namespace TaskCenter.Client;

// The seed's task endpoints: add, delete, query; crontab preview; this minute's fire counts.
public sealed partial class TaskCenterClient
{
    /// <summary>Adds a task (<c>POST /v1/api/task</c>). Adding one whose name and data equal a live task's returns that task's id.</summary>
    /// <param name="task">The task.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The task's id and name.</returns>
    /// <exception cref="ArgumentException"><see cref="NewTask.LoopTime"/> or <see cref="NewTask.MaxRuntime"/> is not whole seconds.</exception>
    public async Task<TaskReference> AddTaskAsync(NewTask task, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(task);
        var response = await PostAsync(
            "v1/api/task", WireMapper.ToWire(task), ClientJson.Of<AddTaskRequest>(),
            ClientJson.Of<AddTaskResponse>(), cancellationToken).ConfigureAwait(false);
        return new TaskReference(response.TaskId ?? string.Empty, response.Name ?? task.Name);
    }

    /// <summary>Deletes tasks by id (<c>POST /v1/api/delete-task</c>).</summary>
    /// <param name="ids">The task ids.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The ids really deleted.</returns>
    public async Task<IReadOnlyList<string>> DeleteTasksAsync(IEnumerable<string> ids, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var response = await PostAsync(
            "v1/api/delete-task", new DeleteTasksRequest { Ids = [.. ids] }, ClientJson.Of<DeleteTasksRequest>(),
            ClientJson.Of<DeleteTasksResponse>(), cancellationToken).ConfigureAwait(false);
        return response.SucIds ?? [];
    }

    /// <summary>Deletes every task with the given name (<c>POST /v1/api/delete-task-by-name</c>).</summary>
    /// <param name="name">The task name.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The ids really deleted.</returns>
    public async Task<IReadOnlyList<string>> DeleteTasksByNameAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        var response = await PostAsync(
            "v1/api/delete-task-by-name", new DeleteTasksByNameRequest { Name = name },
            ClientJson.Of<DeleteTasksByNameRequest>(), ClientJson.Of<DeleteTasksResponse>(),
            cancellationToken).ConfigureAwait(false);
        return response.SucIds ?? [];
    }

    /// <summary>Gets one task (<c>GET /v1/api/query-task-by-id</c>).</summary>
    /// <param name="id">The task id.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The task, or <see langword="null"/> when the server answers 404.</returns>
    public async Task<TaskInfo?> GetTaskAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        var dto = await SendAsync(
            HttpMethod.Get, "v1/api/query-task-by-id?taskid=" + Uri.EscapeDataString(id), content: null,
            ClientJson.Of<TaskResponse>(), TimeSpan.Zero, nullOn404: true, cancellationToken).ConfigureAwait(false);
        return dto is null ? null : WireMapper.ToModel(dto);
    }

    /// <summary>
    /// Gets every task with the given name, newest first (<c>GET /v1/api/query-task-by-name</c>). The server answers at
    /// most its newest 100 that fit one answer; when it left older ones out (<c>X-Truncated</c>), they are all read from
    /// the paged list of that name (<see cref="ListAllTasksAsync"/>), a page per request.
    /// </summary>
    /// <param name="name">The task name.</param>
    /// <param name="cancellationToken">Cancels the requests.</param>
    public async Task<IReadOnlyList<TaskInfo>> GetTasksByNameAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        var truncated = false;
        var dtos = (await SendAsync(
            HttpMethod.Get, "v1/api/query-task-by-name?name=" + Uri.EscapeDataString(name), content: null,
            ClientJson.Of<IReadOnlyList<TaskResponse>>(), TimeSpan.Zero, nullOn404: false, cancellationToken,
            headers => truncated = headers.Contains("X-Truncated")).ConfigureAwait(false))!;
        if (!truncated)
        {
            return [.. dtos.Select(WireMapper.ToModel)];
        }

        var all = new List<TaskInfo>();
        await foreach (var task in ListAllTasksAsync(new TaskFilter { Name = name }, MaxTasksPerPage, cancellationToken).ConfigureAwait(false))
        {
            all.Add(task);
        }

        all.Reverse(); // The list's order within a name is oldest first: creation, then id.
        return all;
    }

    /// <summary>
    /// Computes the next fire times of a crontab expression, and the zone it is read in (<c>GET /v1/api/crontab/next</c>).
    /// </summary>
    /// <param name="crontab">A crontab(5) expression; a <c>CRON_TZ=</c> or <c>TZ=</c> prefix wins over <paramref name="timeZone"/>.</param>
    /// <param name="timeZone">The IANA zone to read it in; <see langword="null"/> for the server's default (UTC).</param>
    /// <param name="from">Times strictly after this one; <see langword="null"/> for now.</param>
    /// <param name="count">How many, 1–100; <see langword="null"/> for the server's default (5).</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public async Task<NextFires> GetCrontabNextAsync(
        string crontab, string? timeZone = null, DateTimeOffset? from = null, int? count = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(crontab);
        var query = new QueryBuilder("v1/api/crontab/next")
            .Add("crontab", crontab)
            .Add("timezone", timeZone)
            .Add("from", WireMapper.ToUnixSeconds(from))
            .Add("count", count);

        var response = await GetAsync(query.ToString(), ClientJson.Of<CrontabNextResponse>(), cancellationToken)
            .ConfigureAwait(false);
        return WireMapper.ToModel(response, timeZone);
    }

    /// <summary>Gets this minute's fire counts per task name, plus <c>total</c> (<c>GET /v1/api/task/stat</c>).</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    public async Task<IReadOnlyDictionary<string, long>> GetStatAsync(CancellationToken cancellationToken = default) =>
        await GetAsync("v1/api/task/stat", ClientJson.Of<IReadOnlyDictionary<string, long>>(), cancellationToken)
            .ConfigureAwait(false);
}
