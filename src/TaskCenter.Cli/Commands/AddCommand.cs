using System.CommandLine;
using Spectre.Console;
using TaskCenter.Client;

namespace TaskCenter.Cli.Commands;

/// <summary><c>taskcenter add</c>: one task from options, or many from a JSONL file (<see cref="BulkAdd"/>).</summary>
internal static class AddCommand
{
    public static Command Create(CliContext context)
    {
        var task = new AddTaskOptions();
        var file = new Option<string?>("--file", "-f")
        {
            Description = "Add every task of this JSONL file (one POST /v1/api/task body per line; - for stdin)",
        };
        var command = new Command("add", "Add a task (one-shot, interval or cron), or many from a JSONL file with --file");
        foreach (var option in task.All.Append(file))
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parseResult, cancellationToken) =>
        {
            using var client = context.CreateClient(parseResult);
            if (parseResult.GetValue(file) is { } path)
            {
                return await BulkAdd.RunAsync(context, client, path, context.IsJson(parseResult), cancellationToken);
            }

            var data = await task.ReadDataAsync(parseResult, context.Console.In, cancellationToken);
            var newTask = task.ToNewTask(parseResult, data);
            var known = new KnownTaskIds(client);
            await known.LoadAsync(newTask.Name, cancellationToken);
            var added = await client.AddTaskAsync(newTask, cancellationToken);
            var created = known.RecordIsNew(newTask.Name, added.TaskId);
            WriteResult(context, context.IsJson(parseResult), added, created);
            return ExitCodes.Success;
        });
        return command;
    }

    private static void WriteResult(CliContext context, bool json, TaskReference added, bool created)
    {
        if (json)
        {
            context.WriteJson(new { taskid = added.TaskId, name = added.Name, deduplicated = !created });
        }
        else
        {
            context.Console.OutConsole.WriteLine(created
                ? $"created task {added.TaskId} ({added.Name})"
                : $"task {added.TaskId} ({added.Name}) already exists with this name and data: nothing added");
        }
    }
}
