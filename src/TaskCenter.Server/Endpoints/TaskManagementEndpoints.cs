using TaskCenter.Core.Engine;
using TaskCenter.Core.Management;
using TaskCenter.Core.Scheduling;
using TaskCenter.Core.Storage;
using TaskCenter.Core.Tasks;
using TaskCenter.Core.Validation;
using TaskCenter.Contracts;
using TaskCenter.Server.Wire;
using TaskCenter.Server.Http;
using TaskCenter.Server.OpenApi;
using TaskCenter.Server.Security;

namespace TaskCenter.Server.Endpoints;

/// <summary>
/// Tasks as resources, beyond the seed's API: list and page, one task by id, its upcoming fires and fire history;
/// pause, resume, update, trigger now, delete; add a batch.
/// </summary>
public static class TaskManagementEndpoints
{
    public static RouteGroupBuilder MapTaskManagementEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/tasks", TaskListing.ListAsync).RequireAuthorization(AccessPolicies.ReadTasks)
            .Documented<TaskListResponse>("List tasks", description: "A page of tasks in name order, filtered; a page also ends before the task that would take its data over Limits:MaxResponseBytes (it always holds one).")
            .WithQuery(
                ("name", false, "Only tasks with exactly this name."),
                ("name_prefix", false, "Only names starting with this."),
                ("type", false, "1 one-shot, 2 interval, 3 crontab."),
                ("state", false, "pending, active, paused or finished."),
                ("limit", false, $"At most this many, 1 to {TaskListing.MaxLimit}; default {TaskListing.DefaultLimit}."),
                ("after", false, "Paging: the next value of the previous page."));
        api.MapPost("/tasks/batch", TaskBatch.AddAsync).RequireAuthorization(AccessPolicies.ManageTasks)
            .Documented<AddTasksResponse>("Add tasks in a batch", typeof(AddTasksRequest), "All of them or, when one is wrong, none.");

        var task = api.MapGroup("/tasks/{id}").AddEndpointFilter(OnlyTasksInScopeAsync);
        task.MapGet("", async (string id, ITaskReader reader, CancellationToken ct) =>
                Task(await reader.GetAsync(TaskId(id), ct) ?? throw ApiException.NotFound($"no task with taskid {id}")))
            .RequireAuthorization(AccessPolicies.ReadTasks)
            .Documented<TaskResponse>("Get a task");
        task.MapDelete("", DeleteAsync).RequireAuthorization(AccessPolicies.ManageTasks)
            .Documented<DeleteTasksResponse>("Delete a task", description: "Fires recorded ahead and not due yet are withdrawn.");
        task.MapPatch("", UpdateAsync).RequireAuthorization(AccessPolicies.ManageTasks)
            .Documented<TaskResponse>("Update a task", typeof(UpdateTaskRequest), "Changes a task's payload, schedule or limits; its next fire is recomputed.");
        task.MapPost("/pause", (string id, TaskAdmin admin, CancellationToken ct) => ActAsync(admin.PauseAsync(TaskId(id), ct)))
            .RequireAuthorization(AccessPolicies.ManageTasks)
            .Documented<TaskResponse>("Pause a task", description: "It fires no more until resumed.");
        task.MapPost("/resume", (string id, TaskAdmin admin, CancellationToken ct) => ActAsync(admin.ResumeAsync(TaskId(id), ct)))
            .RequireAuthorization(AccessPolicies.ManageTasks)
            .Documented<TaskResponse>("Resume a task", description: "A paused task fires again from now on; missed times are not fired.");
        task.MapPost("/trigger", TriggerAsync).RequireAuthorization(AccessPolicies.ManageTasks)
            .Documented<TriggerResponse>("Trigger a task now", description: "Fires a task once now, besides its schedule; a finished task stays finished.");
        task.MapGet("/next", NextAsync).RequireAuthorization(AccessPolicies.ReadTasks)
            .Documented<NextFiresResponse>("Next fires of a task", description: "A task's upcoming fires as scheduled now, and the zone they are read in.")
            .WithQuery(("count", false, "How many, 1 to 100; default 10."));
        task.MapGet("/fires", FireHistory.ListAsync).RequireAuthorization(AccessPolicies.ReadTasks)
            .Documented<FireHistoryResponse>("Fire history of a task", description: "A task's fires and their deliveries, latest first.")
            .WithQuery(
                ("limit", false, $"At most this many, 1 to {FireHistory.MaxLimit}; default {FireHistory.DefaultLimit}."),
                ("before", false, "Paging: the next value of the previous page (a fire time in unix ms)."));
        return api;
    }

    /// <summary>The id from the path, checked and in the stored (lowercase) form.</summary>
    internal static string TaskId(string id) =>
        TaskIdGenerator.IsWellFormed(id)
            ? id.ToLowerInvariant()
            : throw ApiException.BadRequest($"taskid is not a task id (24 hex characters): '{id}'");

    /// <summary>For a scoped key a task outside its scope is missing: every call on it answers 404, as for an unknown id.</summary>
    private static async ValueTask<object?> OnlyTasksInScopeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var scope = RequestScope.Of(http);
        if (!scope.IsUnscoped && http.GetRouteValue("id") is string id
            && await scope.FindAsync(http.RequestServices.GetRequiredService<ITaskReader>(), TaskId(id), http.RequestAborted) is null)
        {
            throw ApiException.NotFound($"no task with taskid {id}");
        }

        return await next(context);
    }

    internal static IResult Task(ScheduledTask task) => Results.Json(WireMapper.ToWire(task), ServerJson.Responses.TaskResponse);

    private static async Task<IResult> DeleteAsync(string id, ITaskStore store, TimeProvider time, CancellationToken ct)
    {
        var deleted = await store.DeleteAsync([TaskId(id)], time.GetUtcNow(), ct);
        return deleted.Count == 0
            ? throw ApiException.NotFound($"no task with taskid {id}")
            : Results.Json(new DeleteTasksResponse(deleted), ServerJson.Responses.DeleteTasksResponse);
    }

    private static async Task<IResult> UpdateAsync(string id, HttpRequest request, TaskAdmin admin, CancellationToken ct)
    {
        var taskId = TaskId(id);
        TaskSubmission change;
        using (var body = await JsonBody.ReadAsync(request, ct))
        {
            change = TaskFields.Change(body);
        }

        return await ActAsync(admin.UpdateAsync(taskId, change, ct));
    }

    private static async Task<IResult> TriggerAsync(string id, TaskAdmin admin, CancellationToken ct)
    {
        var (fire, result) = await admin.TriggerAsync(TaskId(id), ct);
        return fire is null
            ? Refusal(result)
            : Results.Json(new TriggerResponse(fire.TaskId, fire.MsgId, fire.FireTime.ToUnixTimeMilliseconds()), ServerJson.Responses.TriggerResponse);
    }

    private static async Task<IResult> NextAsync(string id, HttpRequest request, ITaskReader reader, CancellationToken ct)
    {
        var count = request.QueryWholeNumber("count") ?? 10;
        if (count is < 1 or > 100)
        {
            throw ApiException.BadRequest($"count must be between 1 and 100, got {count}");
        }

        var task = await reader.GetAsync(TaskId(id), ct) ?? throw ApiException.NotFound($"no task with taskid {id}");
        var times = FirePlanner.Upcoming(task, (int)count).Select(t => t.ToUnixTimeMilliseconds()).ToList();
        return Results.Json(new NextFiresResponse(FireSchedule.ZoneOf(task).Id, times), ServerJson.Responses.NextFiresResponse);
    }

    private static async Task<IResult> ActAsync(Task<TaskActionResult> action)
    {
        var result = await action;
        return result.Task is { } task ? Task(task) : Refusal(result);
    }

    private static IResult Refusal(TaskActionResult result) => result.Problem switch
    {
        TaskActionProblem.NotFound => ApiErrors.Result(StatusCodes.Status404NotFound, result.Message!),
        TaskActionProblem.Conflict => ApiErrors.Result(StatusCodes.Status409Conflict, result.Message!),
        _ => ApiErrors.Result(result.Error?.TooLarge == true ? StatusCodes.Status413PayloadTooLarge : StatusCodes.Status400BadRequest, result.Message!),
    };
}
