using TaskCenter.Core.Storage;
using TaskCenter.Core.Tasks;
using TaskCenter.Core.Validation;
using TaskCenter.Server.Contracts;
using TaskCenter.Server.Http;
using TaskCenter.Server.OpenApi;
using TaskCenter.Server.Security;

namespace TaskCenter.Server.Endpoints;

/// <summary>The seed's task endpoints: add, delete by ids or name, query by id or name.</summary>
public static class TaskEndpoints
{
    private const int MaxIdsPerDelete = 1000;

    public static RouteGroupBuilder MapTaskEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/task", AddAsync).RequireAuthorization(AccessPolicies.ManageTasks)
            .Documented<AddTaskResponse>("Add a task (a live task with the same name and data is returned instead)", typeof(AddTaskRequest));
        api.MapPost("/delete-task", DeleteAsync).RequireAuthorization(AccessPolicies.ManageTasks)
            .Documented<DeleteTasksResponse>("Delete tasks by id; fires recorded ahead and not due yet are withdrawn", typeof(DeleteTasksRequest));
        api.MapPost("/delete-task-by-name", DeleteByNameAsync).RequireAuthorization(AccessPolicies.ManageTasks)
            .Documented<DeleteTasksResponse>("Delete every task with this name", typeof(DeleteTasksByNameRequest));
        api.MapGet("/query-task-by-id", GetAsync).RequireAuthorization(AccessPolicies.ReadTasks)
            .Documented<TaskResponse>("A task by id (404 when unknown)")
            .WithQuery(("taskid", true, "The task id, 24 hex characters."));
        api.MapGet("/query-task-by-name", (HttpRequest request, ITaskReader reader, RequestScope scope, CancellationToken ct) =>
            ListByNameAsync(request.RequiredQueryText("name"), reader, scope, ct))
            .RequireAuthorization(AccessPolicies.ReadTasks)
            .Documented<IReadOnlyList<TaskResponse>>("Every task with this name, newest first")
            .WithQuery(("name", true, "The task name."));
        api.MapGet("/query-task-by-name/{name}", (string name, ITaskReader reader, RequestScope scope, CancellationToken ct) =>
            ListByNameAsync(name, reader, scope, ct))
            .RequireAuthorization(AccessPolicies.ReadTasks)
            .Documented<IReadOnlyList<TaskResponse>>("Every task with this name, newest first (the name in the path)");
        return api;
    }

    private static async Task<IResult> AddAsync(HttpRequest request, TaskIntake intake, RequestScope scope, CancellationToken ct)
    {
        TaskSubmission submission;
        using (var body = await JsonBody.ReadAsync(request, ct))
        {
            submission = body.Fields.Submission();
        }

        scope.RequireTaskName(submission.Name);
        var (added, error) = await intake.AddAsync(submission, ct);
        if (added is not { } result)
        {
            return ApiErrors.Result(error!.TooLarge ? StatusCodes.Status413PayloadTooLarge : StatusCodes.Status400BadRequest, error.ToString());
        }

        return Results.Json(new AddTaskResponse(result.Id, submission.Name!), ServerJsonContext.Wire.AddTaskResponse);
    }

    private static async Task<IResult> DeleteAsync(
        HttpRequest request, ITaskStore store, ITaskReader reader, RequestScope scope, TimeProvider time, CancellationToken ct)
    {
        IReadOnlyList<string> ids;
        using (var body = await JsonBody.ReadAsync(request, ct))
        {
            ids = body.TextList("ids") ?? throw ApiException.BadRequest("ids is required (an array of task ids)");
        }

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
        return Results.Json(new DeleteTasksResponse(deleted), ServerJsonContext.Wire.DeleteTasksResponse);
    }

    private static async Task<IResult> DeleteByNameAsync(
        HttpRequest request, ITaskStore store, RequestScope scope, TimeProvider time, CancellationToken ct)
    {
        string name;
        using (var body = await JsonBody.ReadAsync(request, ct))
        {
            name = CheckName(body.Text("name"));
        }

        scope.RequireTaskName(name);
        var deleted = await store.DeleteByNameAsync(name, time.GetUtcNow(), ct);
        return Results.Json(new DeleteTasksResponse(deleted), ServerJsonContext.Wire.DeleteTasksResponse);
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
        return Results.Json(TaskResponse.From(task), ServerJsonContext.Wire.TaskResponse);
    }

    private static async Task<IResult> ListByNameAsync(string name, ITaskReader reader, RequestScope scope, CancellationToken ct)
    {
        scope.RequireTaskName(CheckName(name));
        var tasks = await reader.ListByNameAsync(name, ct);
        return Results.Json(tasks.Select(TaskResponse.From).ToList(), ServerJsonContext.Wire.IReadOnlyListTaskResponse);
    }

    private static string CheckName(string? name)
    {
        if (name is null)
        {
            throw ApiException.BadRequest("name is required");
        }

        return TaskName.Check(name) is { } problem ? throw ApiException.BadRequest($"name {problem}") : name;
    }
}
