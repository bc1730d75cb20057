using System.CommandLine;
using Spectre.Console;
using TaskCenter.Cli.Input;
using TaskCenter.Cli.Output;
using TaskCenter.Client;
using TaskCenter.Contracts;

namespace TaskCenter.Cli.Commands;

/// <summary>
/// <c>taskcenter list</c>: a page of tasks in name order, filtered by name prefix, type and state (the server's
/// <c>GET /tasks</c>), or every page with <c>--all</c>. <c>list --name &lt;name&gt;</c> is the original form: the tasks of
/// one name, newest first (<c>query-task-by-name</c>, and the paged list of that name when it has more than one answer
/// holds), with --json still a bare array.
/// </summary>
internal static class ListCommand
{
    private const string StateChoices = "pending|active|paused|finished";

    public static Command Create(CliContext context)
    {
        var name = new Option<string?>("--name", "-n") { Description = "Only the tasks with exactly this name, newest first (all of them)" };
        var prefix = new Option<string?>("--prefix", "-p") { Description = "Only the tasks whose name starts with this" };
        var type = new Option<string?>("--type", "-t") { Description = $"Only tasks of this type: {TaskTypeInput.Choices}" };
        var state = new Option<string?>("--state", "-s") { Description = $"Only tasks in this state: {StateChoices}" };
        var limit = new Option<int?>("--limit") { Description = $"Tasks per page, 1–{TaskCenterClient.MaxTasksPerPage} (server default 50)" };
        var after = new Option<string?>("--after") { Description = "Page on: the next value the previous page printed" };
        var all = new Option<bool>("--all") { Description = "List every page, not only the first" };
        var command = new Command("list", "List tasks in name order, a page at a time (filter with --prefix, --type, --state), or the tasks with one --name")
        {
            name, prefix, type, state, limit, after, all,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var typeFilter = parseResult.GetValue(type) is { } typeText ? TaskTypeInput.Parse(typeText) : (TaskType?)null;
            var stateFilter = parseResult.GetValue(state) is { } stateText ? ParseState(stateText) : (TaskState?)null;
            var pageSize = parseResult.GetValue(limit);
            if (pageSize is < 1 or > TaskCenterClient.MaxTasksPerPage)
            {
                throw CliException.Usage($"--limit must be between 1 and {TaskCenterClient.MaxTasksPerPage}, got {pageSize}");
            }

            if (parseResult.GetValue(name) is { } exactName)
            {
                if (parseResult.GetValue(prefix) is not null || parseResult.GetValue(after) is not null || parseResult.GetValue(all))
                {
                    throw CliException.Usage("--name lists one name's tasks in one go: it does not combine with --prefix, --after or --all");
                }

                return await ListByNameAsync(context, parseResult, exactName, typeFilter, stateFilter, pageSize, cancellationToken);
            }

            var filter = new TaskFilter { NamePrefix = parseResult.GetValue(prefix), Type = typeFilter, State = stateFilter };
            using var client = context.CreateClient(parseResult);
            TaskPage page;
            if (parseResult.GetValue(all))
            {
                if (parseResult.GetValue(after) is not null)
                {
                    throw CliException.Usage("--all lists from the first page: it does not combine with --after");
                }

                var tasks = new List<TaskInfo>();
                await foreach (var task in client.ListAllTasksAsync(filter, pageSize ?? TaskCenterClient.MaxTasksPerPage, cancellationToken))
                {
                    tasks.Add(task);
                }

                page = new TaskPage(tasks, Next: null);
            }
            else
            {
                page = await client.ListTasksAsync(filter, pageSize, parseResult.GetValue(after), cancellationToken);
            }

            if (context.IsJson(parseResult))
            {
                context.WriteJson(new TaskListResponse([.. page.Tasks.Select(WireMapper.ToWire)], page.Next));
                return ExitCodes.Success;
            }

            await WriteTableAsync(context, page.Tasks);
            if (page.Next is { } next)
            {
                await context.Console.Out.WriteLineAsync($"more tasks: run again with --after {next} (or --all)");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static async Task<int> ListByNameAsync(
        CliContext context, ParseResult parseResult, string name, TaskType? type, TaskState? state, int? limit, CancellationToken cancellationToken)
    {
        using var client = context.CreateClient(parseResult);
        var tasks = (await client.GetTasksByNameAsync(name, cancellationToken))
            .Where(task => (type is null || task.Type == type) && (state is null || task.State == state))
            .Take(limit ?? int.MaxValue)
            .ToList();
        if (context.IsJson(parseResult))
        {
            context.WriteJson<IReadOnlyList<TaskResponse>>([.. tasks.Select(WireMapper.ToWire)]);
        }
        else
        {
            await WriteTableAsync(context, tasks);
        }

        return ExitCodes.Success;
    }

    private static async Task WriteTableAsync(CliContext context, IReadOnlyList<TaskInfo> tasks)
    {
        if (tasks.Count == 0)
        {
            await context.Console.Out.WriteLineAsync("no tasks");
        }
        else
        {
            context.Console.OutConsole.Write(TaskTables.Many(tasks));
        }
    }

    private static TaskState ParseState(string text) => text.Trim().ToUpperInvariant() switch
    {
        "PENDING" => TaskState.Pending,
        "ACTIVE" => TaskState.Active,
        "PAUSED" => TaskState.Paused,
        "FINISHED" => TaskState.Finished,
        _ => throw CliException.Usage($"--state: '{text}' is not one of {StateChoices}"),
    };
}
