using Microsoft.Extensions.Options;
using TaskCenter.Core.Access;
using TaskCenter.Core.Limits;
using TaskCenter.Core.Storage;
using TaskCenter.Core.Tasks;
using TaskCenter.Contracts;
using TaskCenter.Server.Wire;
using TaskCenter.Server.Http;
using TaskCenter.Server.Security;

namespace TaskCenter.Server.Endpoints;

/// <summary><c>GET /tasks</c>: the task list, filtered, paged by cursor, each page within the answer's byte budget.</summary>
internal static class TaskListing
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 500;

    public static async Task<IResult> ListAsync(
        HttpRequest request, ITaskReader reader, RequestScope scope, IOptions<LimitOptions> limits, CancellationToken ct)
    {
        var query = new TaskQuery
        {
            Name = request.QueryText("name") switch
            {
                null or "" => null,
                var name => TaskEndpoints.CheckName(name),
            },
            NamePrefix = request.QueryText("name_prefix"),
            Type = request.QueryWholeNumber("type") switch
            {
                null => null,
                >= 1 and <= 3 and var type => (TaskType)type,
                var other => throw ApiException.BadRequest($"type must be 1 (one-shot), 2 (interval) or 3 (crontab), not {other}"),
            },
            State = request.QueryText("state") switch
            {
                null or "" => null,
                var state => ParseState(state),
            },
            Limit = (int)(request.QueryWholeNumber("limit") is { } limit
                ? limit is >= 1 and <= MaxLimit ? limit : throw ApiException.BadRequest($"limit must be between 1 and {MaxLimit}, got {limit}")
                : DefaultLimit),
            MaxPayloadBytes = limits.Value.MaxResponseBytes,
            After = request.QueryText("after") switch
            {
                null or "" => null,
                var token => TaskCursor.TryDecode(token, out var cursor)
                    ? cursor
                    : throw ApiException.BadRequest("after is not a next value of an earlier page"),
            },
        };

        var page = await reader.ListWithinAsync(query, scope.Scopes.Tasks, ct);
        return Results.Json(
            new TaskListResponse([.. page.Tasks.Select(WireMapper.ToWire)], page.Next?.Encode()),
            ServerJson.Responses.TaskListResponse);
    }

    private static TaskState ParseState(string state)
    {
        try
        {
            return TaskStates.Parse(state);
        }
        catch (FormatException)
        {
            throw ApiException.BadRequest($"state must be pending, active, paused or finished, not '{state}'");
        }
    }
}
