using TaskCenter.Core.Validation;
using TaskCenter.Contracts;
using TaskCenter.Server.Wire;
using TaskCenter.Server.Http;
using TaskCenter.Server.Security;

namespace TaskCenter.Server.Endpoints;

/// <summary><c>POST /tasks/batch</c>: bulk imports, all or nothing.</summary>
internal static class TaskBatch
{
    public const int MaxTasks = 1000;

    public static async Task<IResult> AddAsync(HttpRequest request, TaskIntake intake, RequestScope scope, CancellationToken ct)
    {
        var tasks = (await JsonBody.ReadAsync<AddTasksRequest>(request, ct)).Tasks
            ?? throw ApiException.BadRequest("tasks is required (an array of tasks)");
        if (tasks.Count is 0 or > MaxTasks)
        {
            throw ApiException.BadRequest($"tasks holds {tasks.Count} tasks; send 1 to {MaxTasks} per call");
        }

        List<TaskSubmission> submissions = [.. tasks.Select(WireMapper.ToSubmission)];

        for (var i = 0; i < submissions.Count; i++)
        {
            scope.RequireTaskName(submissions[i].Name, $"tasks[{i}].name");
        }

        var (added, failedIndex, error) = await intake.AddManyAsync(submissions, ct);
        if (added is null)
        {
            return ApiErrors.Result(
                error!.TooLarge ? StatusCodes.Status413PayloadTooLarge : StatusCodes.Status400BadRequest,
                $"tasks[{failedIndex}].{error}; no task of the batch was added");
        }

        return Results.Json(
            new AddTasksResponse([.. added.Select((result, i) => new AddedTaskResponse(result.Id, submissions[i].Name!, result.Created))]),
            ServerJson.Responses.AddTasksResponse);
    }
}
