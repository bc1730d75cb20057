using Microsoft.Extensions.Options;
using TaskCenter.Core.Limits;
using TaskCenter.Core.Storage;
using TaskCenter.Core.Tasks;
using TaskCenter.Core.Validation;
using TaskCenter.Contracts;
using TaskCenter.Server.Wire;
using TaskCenter.Server.Http;
using TaskCenter.Server.OpenApi;
using TaskCenter.Server.Security;

namespace TaskCenter.Server.Endpoints;

/// <summary>The seed's task endpoints: add, delete by ids or name, query by id or name.</summary>
public static class TaskEndpoints
{
    /// <summary>The most tasks <c>query-task-by-name</c> answers: the newest; the paged list has them all.</summary>
    public const int MaxTasksByName = 100;

    /// <summary>Set (to <c>true</c>) on a <c>query-task-by-name</c> answer that left older tasks out.</summary>
    public const string TruncatedHeader = "X-Truncated";

    private const int MaxIdsPerDelete = 1000;

    private static readonly (string, string)[] ListByNameHeaders =
    [
        (TruncatedHeader, "true when older tasks of the name were left out"),
        ("Link", "with X-Truncated: <.../tasks?name=NAME>; rel=\"next\", the paged list of every task of the name"),
    ];

    private static readonly string ListByNameDescription =
        $"The newest tasks with this name: at most {MaxTasksByName}, within Limits:MaxResponseBytes of data. When older ones exist, "
        + $"the answer's Link header (rel=\"next\") points to GET /v1/api/tasks?name=, which pages through them all, and {TruncatedHeader} is true.";

    public static RouteGroupBuilder MapTaskEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/task", AddAsync).RequireAuthorization(AccessPolicies.ManageTasks)
            .Documented<AddTaskResponse>("Add a task", typeof(AddTaskRequest), "A live task with the same name and data is returned instead of a new one.");
        api.MapPost("/delete-task", DeleteAsync).RequireAuthorization(AccessPolicies.ManageTasks)
            .Documented<DeleteTasksResponse>("Delete tasks by id", typeof(DeleteTasksRequest), "Fires recorded ahead and not due yet are withdrawn.");
        api.MapPost("/delete-task-by-name", DeleteByNameAsync).RequireAuthorization(AccessPolicies.ManageTasks)
            .Documented<DeleteTasksResponse>("Delete tasks by name", typeof(DeleteTasksByNameRequest), "Deletes every task with this name.");
        api.MapGet("/query-task-by-id", GetAsync).RequireAuthorization(AccessPolicies.ReadTasks)
            .Documented<TaskResponse>("Get a task by id", description: "404 when unknown.")
            .WithQuery(("taskid", true, "The task id, 24 hex characters."));
        api.MapGet("/query-task-by-name", (HttpRequest request, ITaskReader reader, RequestScope scope, IOptions<LimitOptions> limits, CancellationToken ct) =>
            ListByNameAsync(request.RequiredQueryText("name"), request, reader, scope, limits.Value, ct))
            .RequireAuthorization(AccessPolicies.ReadTasks)
            .Documented<IReadOnlyList<TaskResponse>>("Get tasks by name", description: ListByNameDescription)
            .WithResponseHeaders(ListByNameHeaders)
            .WithQuery(("name", true, "The task name."));
        api.MapGet("/query-task-by-name/{name}", (string name, HttpRequest request, ITaskReader reader, RequestScope scope, IOptions<LimitOptions> limits, CancellationToken ct) =>
            ListByNameAsync(name, request, reader, scope, limits.Value, ct))
            .RequireAuthorization(AccessPolicies.ReadTasks)
            .Documented<IReadOnlyList<TaskResponse>>("Get tasks by name in the path", description: ListByNameDescription)
            .WithResponseHeaders(ListByNameHeaders);
        return api;
    }

    private static async Task<IResult> AddAsync(HttpRequest request, TaskIntake intake, RequestScope scope, CancellationToken ct)
    {
        var submission = WireMapper.ToSubmission(await JsonBody.ReadAsync<AddTaskRequest>(request, ct));

        scope.RequireTaskName(submission.Name);
        var (added, error) = await intake.AddAsync(submission, ct);
        if (added is not { } result)
        {
            return ApiErrors.Result(error!.TooLarge ? StatusCodes.Status413PayloadTooLarge : StatusCodes.Status400BadRequest, error.ToString());
        }

        return Results.Json(new AddTaskResponse(result.Id, submission.Name!), ServerJson.Responses.AddTaskResponse);
    }

    private static async Task<IResult> DeleteAsync(
        HttpRequest request, ITaskStore store, ITaskReader reader, RequestScope scope, TimeProvider time, CancellationToken ct)
    {
        var ids = (await JsonBody.ReadAsync<DeleteTasksRequest>(request, ct)).Ids
            ?? throw ApiException.BadRequest("ids is required (an array of task ids)");

        if (ids.Count > MaxIdsPerDelete)
        {
            throw ApiException.BadRequest($"ids holds {ids.Count} ids; at most {MaxIdsPerDelete} per call");
        }

        var normalized = new List<string>(ids.Count);
        for (var i = 0; i < ids.Count; i++)
        {
            normalized.Add(TaskIdGenerator.IsWellFormed(ids[i])
                ? ids[i].ToLowerInvariant()
                : throw ApiException.BadRequest($"ids[{i}] is not a task id (24 hex characters): '{ids[i]}'"));
        }

        var deleted = await store.DeleteAsync(await scope.VisibleAsync(normalized, reader, ct), time.GetUtcNow(), ct);
        return Results.Json(new DeleteTasksResponse(deleted), ServerJson.Responses.DeleteTasksResponse);
    }

    private static async Task<IResult> DeleteByNameAsync(
        HttpRequest request, ITaskStore store, RequestScope scope, TimeProvider time, CancellationToken ct)
    {
        var name = CheckName((await JsonBody.ReadAsync<DeleteTasksByNameRequest>(request, ct)).Name);

        scope.RequireTaskName(name);
        var deleted = await store.DeleteByNameAsync(name, time.GetUtcNow(), ct);
        return Results.Json(new DeleteTasksResponse(deleted), ServerJson.Responses.DeleteTasksResponse);
    }

    private static async Task<IResult> GetAsync(HttpRequest request, ITaskReader reader, RequestScope scope, CancellationToken ct)
    {
        var id = request.RequiredQueryText("taskid");
        if (!TaskIdGenerator.IsWellFormed(id))
        {
            throw ApiException.BadRequest($"taskid is not a task id (24 hex characters): '{id}'");
        }

        var task = await scope.FindAsync(reader, id.ToLowerInvariant(), ct)
            ?? throw ApiException.NotFound($"no task with taskid {id}");
        return Results.Json(WireMapper.ToWire(task), ServerJson.Responses.TaskResponse);
    }

    /// <summary>The seed's array, capped: the newest tasks of the name that fit one answer.</summary>
    private static async Task<IResult> ListByNameAsync(
        string name, HttpRequest request, ITaskReader reader, RequestScope scope, LimitOptions limits, CancellationToken ct)
    {
        scope.RequireTaskName(CheckName(name));
        var query = new TaskQuery { Name = name, Descending = true, Limit = MaxTasksByName, MaxPayloadBytes = limits.MaxResponseBytes };
        var page = await reader.ListAsync(query, ct);
        if (page.Next is not null)
        {
            var prefix = TaskCenterApp.ApiPrefixes.First(candidate => request.Path.StartsWithSegments(candidate, StringComparison.OrdinalIgnoreCase));
            var headers = request.HttpContext.Response.Headers;
            headers.Link = $"<{request.PathBase}{prefix}/tasks?name={Uri.EscapeDataString(name)}>; rel=\"next\"";
            headers[TruncatedHeader] = "true";
        }

        return Results.Json(page.Tasks.Select(WireMapper.ToWire).ToList(), ServerJson.Responses.IReadOnlyListTaskResponse);
    }

    /// <summary>The name, when it is one a task can have (400 naming it otherwise).</summary>
    internal static string CheckName(string? name)
    {
        if (name is null)
        {
            throw ApiException.BadRequest("name is required");
        }

        return TaskName.Check(name) is { } problem ? throw ApiException.BadRequest($"name {problem}") : name;
    }
}
