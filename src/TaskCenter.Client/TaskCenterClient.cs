using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using TaskCenter.Client.Internal;
using TaskCenter.Client.Wire;

namespace TaskCenter.Client;

/// <summary>
/// A typed client of the TaskCenter HTTP API (<c>/v1/api/...</c>). Immutable and thread-safe: create one per server and
/// share it.
/// </summary>
/// <remarks>
/// A non-success answer with an <c>{"err","msg"}</c> body throws <see cref="TaskCenterApiException"/>; one without such a
/// body throws <see cref="HttpRequestException"/> carrying the status. Network failures (<see cref="HttpRequestException"/>)
/// and cancellation pass through; a request that exceeds <see cref="TaskCenterClientOptions.Timeout"/> throws
/// <see cref="TaskCanceledException"/> whose inner exception is a <see cref="TimeoutException"/>, as
/// <see cref="HttpClient"/> does.
/// </remarks>
public sealed class TaskCenterClient : IDisposable
{
    /// <summary>The most tasks <see cref="AddTasksAsync"/> takes in one call.</summary>
    public const int MaxTasksPerBatch = 1000;

    private static readonly MediaTypeHeaderValue JsonMediaType = new("application/json");

    private readonly HttpClient _http;
    private readonly bool _ownsHttpClient;
    private readonly Uri _baseAddress;
    private readonly TimeSpan _timeout;
    private readonly AuthenticationHeaderValue? _authorization;

    /// <summary>Creates a client with its own <see cref="HttpClient"/>, disposed with the client.</summary>
    /// <param name="options">The settings; validated and copied.</param>
    public TaskCenterClient(TaskCenterClientOptions options)
        : this(options, httpClient: null)
    {
    }

    /// <summary>
    /// Creates a client that sends through <paramref name="httpClient"/> (not disposed by the client). Requests use absolute
    /// addresses built from <see cref="TaskCenterClientOptions.BaseAddress"/>, so the HttpClient's own BaseAddress is ignored;
    /// its <see cref="HttpClient.Timeout"/> still applies and must exceed the longest long-poll wait plus
    /// <see cref="TaskCenterClientOptions.Timeout"/>.
    /// </summary>
    /// <param name="options">The settings; validated and copied.</param>
    /// <param name="httpClient">The client to send through; <see langword="null"/> to create one.</param>
    public TaskCenterClient(TaskCenterClientOptions options, HttpClient? httpClient)
    {
        ArgumentNullException.ThrowIfNull(options);
        options = options.Clone();
        options.Validate();

        var baseAddress = options.BaseAddress.AbsoluteUri;
        _baseAddress = new Uri(baseAddress.EndsWith('/') ? baseAddress : baseAddress + "/");
        _timeout = options.Timeout;
        _authorization = string.IsNullOrEmpty(options.ApiKey) ? null : new AuthenticationHeaderValue("Bearer", options.ApiKey);

        if (httpClient is not null)
        {
            _http = httpClient;
        }
        else
        {
            var handler = options.HttpHandler ?? new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
            _http = new HttpClient(handler, disposeHandler: options.HttpHandler is null)
            {
                Timeout = System.Threading.Timeout.InfiniteTimeSpan, // the per-request timeout is ours
            };
            _ownsHttpClient = true;
        }
    }

    /// <summary>The server's address the client resolves paths against (always ending in <c>/</c>).</summary>
    public Uri BaseAddress => _baseAddress;

    /// <summary>Adds a task (<c>POST /v1/api/task</c>). Adding one whose name and data equal a live task's returns that task's id.</summary>
    /// <param name="task">The task.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The task's id and name.</returns>
    /// <exception cref="ArgumentException"><see cref="NewTask.LoopTime"/> or <see cref="NewTask.MaxRuntime"/> is not whole seconds.</exception>
    public async Task<AddTaskResult> AddTaskAsync(NewTask task, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(task);
        var response = await PostAsync(
            "v1/api/task", WireMapper.ToWire(task), TaskCenterJsonContext.Default.AddTaskRequest,
            TaskCenterJsonContext.Default.AddTaskResponse, cancellationToken).ConfigureAwait(false);
        return new AddTaskResult(response.TaskId ?? string.Empty, response.Name ?? task.Name);
    }

    /// <summary>Deletes tasks by id (<c>POST /v1/api/delete-task</c>).</summary>
    /// <param name="ids">The task ids.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The ids really deleted.</returns>
    public async Task<IReadOnlyList<string>> DeleteTasksAsync(IEnumerable<string> ids, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var response = await PostAsync(
            "v1/api/delete-task", new DeleteTasksRequest { Ids = [.. ids] }, TaskCenterJsonContext.Default.DeleteTasksRequest,
            TaskCenterJsonContext.Default.DeleteTasksResponse, cancellationToken).ConfigureAwait(false);
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
            TaskCenterJsonContext.Default.DeleteTasksByNameRequest, TaskCenterJsonContext.Default.DeleteTasksResponse,
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
            TaskCenterJsonContext.Default.TaskDto, TimeSpan.Zero, nullOn404: true, cancellationToken).ConfigureAwait(false);
        return dto is null ? null : WireMapper.ToModel(dto);
    }

    /// <summary>Gets every task with the given name, newest first (<c>GET /v1/api/query-task-by-name</c>).</summary>
    /// <param name="name">The task name.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public async Task<IReadOnlyList<TaskInfo>> GetTasksByNameAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        var dtos = await GetAsync(
            "v1/api/query-task-by-name?name=" + Uri.EscapeDataString(name), TaskCenterJsonContext.Default.ListTaskDto,
            cancellationToken).ConfigureAwait(false);
        return dtos.ConvertAll(WireMapper.ToModel);
    }

    /// <summary>
    /// Lists a page of tasks, in name order, then creation, then id (<c>GET /v1/api/tasks</c>). To walk every page, pass
    /// each page's <see cref="TaskPage.Next"/> as <paramref name="after"/>, or use <see cref="ListAllTasksAsync"/>.
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
            .Add("name_prefix", filter?.NamePrefix)
            .Add("type", filter?.Type is { } type ? (int)type : null)
            .Add("state", filter?.State is { } state ? WireMapper.ToWire(state) : null)
            .Add("limit", limit)
            .Add("after", after);
        var response = await GetAsync(query.ToString(), TaskCenterJsonContext.Default.TaskListResponse, cancellationToken)
            .ConfigureAwait(false);
        return new TaskPage((response.Tasks ?? []).ConvertAll(WireMapper.ToModel), string.IsNullOrEmpty(response.Next) ? null : response.Next);
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
            HttpMethod.Post, TaskPath(id, "/trigger"), content: null, TaskCenterJsonContext.Default.TriggerResponse, TimeSpan.Zero,
            nullOn404: false, cancellationToken).ConfigureAwait(false))!;
        return new TriggerResult(response.TaskId ?? id, response.MsgId ?? string.Empty, DateTimeOffset.FromUnixTimeMilliseconds(response.FireTimeMs));
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
            HttpMethod.Patch, TaskPath(id, string.Empty), Serialize(WireMapper.ToWire(change), TaskCenterJsonContext.Default.UpdateTaskRequest),
            TaskCenterJsonContext.Default.TaskDto, TimeSpan.Zero, nullOn404: false, cancellationToken).ConfigureAwait(false))!;
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
        var response = await GetAsync(query.ToString(), TaskCenterJsonContext.Default.NextFiresResponse, cancellationToken)
            .ConfigureAwait(false);
        return new NextFires(
            string.IsNullOrEmpty(response.TimeZone) ? "UTC" : response.TimeZone,
            (response.TimesMs ?? []).ConvertAll(DateTimeOffset.FromUnixTimeMilliseconds));
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
            .Add("before", before?.ToUnixTimeMilliseconds());
        var response = await GetAsync(query.ToString(), TaskCenterJsonContext.Default.FireHistoryResponse, cancellationToken)
            .ConfigureAwait(false);
        return new FireHistoryPage(
            (response.Fires ?? []).ConvertAll(WireMapper.ToModel),
            response.Next is { } next ? DateTimeOffset.FromUnixTimeMilliseconds(next) : null);
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
            "v1/api/tasks/batch", body, TaskCenterJsonContext.Default.AddTasksRequest, TaskCenterJsonContext.Default.AddTasksResponse,
            cancellationToken).ConfigureAwait(false);
        return (response.Tasks ?? []).ConvertAll(added => new AddedTask(added.TaskId ?? string.Empty, added.Name ?? string.Empty, added.Created));
    }

    /// <summary>
    /// Gets the deployment's overview (<c>GET /v1/api/overview</c>): tasks by type and state, each consumer group's
    /// backlog, fires not routed or not published, the server instances, and fires per minute.
    /// </summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    public async Task<TaskCenterOverview> GetOverviewAsync(CancellationToken cancellationToken = default) =>
        WireMapper.ToModel(await GetAsync("v1/api/overview", TaskCenterJsonContext.Default.OverviewResponse, cancellationToken)
            .ConfigureAwait(false));

    /// <summary>Computes the next fire times of a crontab expression (<c>GET /v1/api/crontab/next</c>).</summary>
    /// <param name="crontab">A crontab(5) expression.</param>
    /// <param name="timeZone">The IANA zone to read it in; <see langword="null"/> for the server's default (UTC).</param>
    /// <param name="from">Times strictly after this one; <see langword="null"/> for now.</param>
    /// <param name="count">How many, 1–100; <see langword="null"/> for the server's default (5).</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public async Task<IReadOnlyList<DateTimeOffset>> GetCrontabNextAsync(
        string crontab, string? timeZone = null, DateTimeOffset? from = null, int? count = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(crontab);
        var query = new QueryBuilder("v1/api/crontab/next")
            .Add("crontab", crontab)
            .Add("timezone", timeZone)
            .Add("from", from?.ToUnixTimeSeconds())
            .Add("count", count);

        var response = await GetAsync(query.ToString(), TaskCenterJsonContext.Default.CrontabNextResponse, cancellationToken)
            .ConfigureAwait(false);
        return (response.Times ?? []).ConvertAll(DateTimeOffset.FromUnixTimeSeconds);
    }

    /// <summary>Gets this minute's fire counts per task name, plus <c>total</c> (<c>GET /v1/api/task/stat</c>).</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    public async Task<IReadOnlyDictionary<string, long>> GetStatAsync(CancellationToken cancellationToken = default) =>
        await GetAsync("v1/api/task/stat", TaskCenterJsonContext.Default.DictionaryStringInt64, cancellationToken)
            .ConfigureAwait(false);

    /// <summary>
    /// Takes up to <see cref="ConsumeRequest.MaxMessages"/> messages for a consumer group (<c>POST /v1/api/consume</c>),
    /// long-polling up to <see cref="ConsumeRequest.WaitTime"/>. The request timeout is extended by that wait.
    /// </summary>
    /// <param name="request">The consume parameters.</param>
    /// <param name="cancellationToken">Cancels the request; messages the server leased meanwhile are delivered again after the lease.</param>
    /// <returns>The messages, possibly none.</returns>
    public async Task<IReadOnlyList<TaskMessage>> ConsumeAsync(ConsumeRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var body = new ConsumeRequestDto
        {
            Group = request.Group,
            Tags = request.Tags,
            Max = request.MaxMessages,
            WaitMs = WireMapper.ToMilliseconds(request.WaitTime),
            LeaseMs = request.Lease is { } lease ? WireMapper.ToMilliseconds(lease) : null,
        };
        var response = await SendAsync(
            HttpMethod.Post, "v1/api/consume", Serialize(body, TaskCenterJsonContext.Default.ConsumeRequestDto),
            TaskCenterJsonContext.Default.ConsumeResponse, request.WaitTime > TimeSpan.Zero ? request.WaitTime : TimeSpan.Zero,
            nullOn404: false, cancellationToken).ConfigureAwait(false);
        return (response!.Messages ?? []).ConvertAll(WireMapper.ToModel);
    }

    /// <summary>Acknowledges messages of a group (<c>POST /v1/api/ack</c>): they are done and not delivered again.</summary>
    /// <param name="group">The consumer group.</param>
    /// <param name="msgIds">The message ids.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The ids the server acknowledged (ids the group no longer holds are left out).</returns>
    public async Task<IReadOnlyList<string>> AckAsync(string group, IEnumerable<string> msgIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(group);
        ArgumentNullException.ThrowIfNull(msgIds);
        var response = await PostAsync(
            "v1/api/ack", new AckRequest { Group = group, MsgIds = [.. msgIds] }, TaskCenterJsonContext.Default.AckRequest,
            TaskCenterJsonContext.Default.AckResponse, cancellationToken).ConfigureAwait(false);
        return response.Acked ?? [];
    }

    /// <summary>
    /// Reports that handling a message failed (<c>POST /v1/api/nack</c>): the server retries it on its delay levels or, out
    /// of attempts, makes it a dead letter. Throws <see cref="TaskCenterApiException"/> (404) when the group holds no such message.
    /// </summary>
    /// <param name="group">The consumer group.</param>
    /// <param name="msgId">The message id.</param>
    /// <param name="error">Why it failed; kept as the dead letter's last error.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public async Task<NackResult> NackAsync(string group, string msgId, string? error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(group);
        ArgumentNullException.ThrowIfNull(msgId);
        var response = await PostAsync(
            "v1/api/nack", new NackRequest { Group = group, MsgId = msgId, Error = error }, TaskCenterJsonContext.Default.NackRequest,
            TaskCenterJsonContext.Default.NackResponse, cancellationToken).ConfigureAwait(false);
        return WireMapper.ToModel(response, msgId);
    }

    /// <summary>Lists a group's dead letters (<c>GET /v1/api/dead-letters</c>).</summary>
    /// <param name="group">The consumer group.</param>
    /// <param name="limit">The most to return; <see langword="null"/> for the server's default (100).</param>
    /// <param name="after">Page on: only dead letters after this message id.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public async Task<IReadOnlyList<DeadLetter>> GetDeadLettersAsync(
        string group, int? limit = null, string? after = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(group);
        var query = new QueryBuilder("v1/api/dead-letters")
            .Add("group", group)
            .Add("limit", limit)
            .Add("after", after);
        var response = await GetAsync(query.ToString(), TaskCenterJsonContext.Default.DeadLettersResponse, cancellationToken)
            .ConfigureAwait(false);
        return (response.DeadLetters ?? []).ConvertAll(WireMapper.ToModel);
    }

    /// <summary>Delivers dead letters again (<c>POST /v1/api/dead-letters/redrive</c>).</summary>
    /// <param name="group">The consumer group.</param>
    /// <param name="msgIds">The message ids; <see langword="null"/> for all of the group's dead letters.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The ids redriven.</returns>
    public Task<IReadOnlyList<string>> RedriveDeadLettersAsync(
        string group, IEnumerable<string>? msgIds = null, CancellationToken cancellationToken = default) =>
        DeadLetterBatchAsync("v1/api/dead-letters/redrive", group, msgIds, cancellationToken);

    /// <summary>Deletes dead letters for good (<c>POST /v1/api/dead-letters/purge</c>).</summary>
    /// <param name="group">The consumer group.</param>
    /// <param name="msgIds">The message ids; <see langword="null"/> for all of the group's dead letters.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The ids purged.</returns>
    public Task<IReadOnlyList<string>> PurgeDeadLettersAsync(
        string group, IEnumerable<string>? msgIds = null, CancellationToken cancellationToken = default) =>
        DeadLetterBatchAsync("v1/api/dead-letters/purge", group, msgIds, cancellationToken);

    /// <summary>Disposes the <see cref="HttpClient"/> if the client created it.</summary>
    public void Dispose()
    {
        if (_ownsHttpClient)
        {
            _http.Dispose();
        }
    }

    /// <summary>The path of one task, or of one of its sub-resources (<paramref name="suffix"/> starting with <c>/</c>).</summary>
    private static string TaskPath(string id, string suffix)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        return "v1/api/tasks/" + Uri.EscapeDataString(id) + suffix;
    }

    private async Task<TaskInfo> TaskActionAsync(string id, string action, CancellationToken cancellationToken)
    {
        var dto = (await SendAsync(
            HttpMethod.Post, TaskPath(id, "/" + action), content: null, TaskCenterJsonContext.Default.TaskDto, TimeSpan.Zero,
            nullOn404: false, cancellationToken).ConfigureAwait(false))!;
        return WireMapper.ToModel(dto);
    }

    private async Task<IReadOnlyList<string>> DeadLetterBatchAsync(
        string path, string group, IEnumerable<string>? msgIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(group);
        var body = new DeadLetterBatchRequest { Group = group, MsgIds = msgIds is null ? null : [.. msgIds] };
        var response = await PostAsync(
            path, body, TaskCenterJsonContext.Default.DeadLetterBatchRequest, TaskCenterJsonContext.Default.DeadLetterBatchResponse,
            cancellationToken).ConfigureAwait(false);
        return response.MsgIds ?? [];
    }

    private async Task<TResponse> GetAsync<TResponse>(
        string pathAndQuery, JsonTypeInfo<TResponse> responseType, CancellationToken cancellationToken)
        where TResponse : class =>
        (await SendAsync(HttpMethod.Get, pathAndQuery, content: null, responseType, TimeSpan.Zero, nullOn404: false, cancellationToken)
            .ConfigureAwait(false))!;

    private async Task<TResponse> PostAsync<TRequest, TResponse>(
        string path, TRequest body, JsonTypeInfo<TRequest> requestType, JsonTypeInfo<TResponse> responseType,
        CancellationToken cancellationToken)
        where TResponse : class =>
        (await SendAsync(
            HttpMethod.Post, path, Serialize(body, requestType), responseType, TimeSpan.Zero, nullOn404: false, cancellationToken)
            .ConfigureAwait(false))!;

    private static ByteArrayContent Serialize<T>(T body, JsonTypeInfo<T> type)
    {
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body, type));
        content.Headers.ContentType = JsonMediaType;
        return content;
    }

    /// <summary>Sends one request and reads its JSON answer; <see langword="null"/> only for a 404 when <paramref name="nullOn404"/>.</summary>
    private async Task<TResponse?> SendAsync<TResponse>(
        HttpMethod method, string pathAndQuery, HttpContent? content, JsonTypeInfo<TResponse> responseType,
        TimeSpan extraTimeout, bool nullOn404, CancellationToken cancellationToken)
        where TResponse : class
    {
        using var request = new HttpRequestMessage(method, new Uri(_baseAddress, pathAndQuery)) { Content = content };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.Authorization = _authorization;

        var timeout = _timeout == System.Threading.Timeout.InfiniteTimeSpan
            ? System.Threading.Timeout.InfiniteTimeSpan
            : _timeout + extraTimeout;
        using var timeoutCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutCts.CancelAfter(timeout);

        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, timeoutCts.Token)
                .ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                var result = await response.Content.ReadFromJsonAsync(responseType, timeoutCts.Token).ConfigureAwait(false);
                return result ?? throw new JsonException(
                    $"TaskCenter answered {method} {pathAndQuery} with an empty or null body.");
            }

            if (nullOn404 && response.StatusCode == HttpStatusCode.NotFound)
            {
                return null;
            }

            throw await CreateErrorAsync(method, pathAndQuery, response, timeoutCts.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested && timeoutCts.IsCancellationRequested)
        {
            throw new TaskCanceledException(
                string.Create(CultureInfo.InvariantCulture, $"The TaskCenter request {method} {pathAndQuery} timed out after {timeout.TotalSeconds} s."),
                new TimeoutException(ex.Message, ex));
        }
    }

    private static async Task<Exception> CreateErrorAsync(
        HttpMethod method, string pathAndQuery, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        ErrorResponse? error = null;
        try
        {
            error = JsonSerializer.Deserialize(body, TaskCenterJsonContext.Default.ErrorResponse);
        }
        catch (JsonException)
        {
            // Not an {"err","msg"} body (e.g. a proxy's HTML page): reported as an HttpRequestException below.
        }

        if (error?.Msg is { } msg)
        {
            return new TaskCenterApiException(response.StatusCode, error.Err ?? (int)response.StatusCode, msg);
        }

        const int maxBodyChars = 200;
        var excerpt = body.Length <= maxBodyChars ? body : body[..maxBodyChars] + "…";
        return new HttpRequestException(
            string.Create(
                CultureInfo.InvariantCulture,
                $"TaskCenter answered {method} {pathAndQuery} with {(int)response.StatusCode} {response.ReasonPhrase}: {excerpt}"),
            inner: null,
            response.StatusCode);
    }
}
