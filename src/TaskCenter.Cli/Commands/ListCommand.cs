using System.CommandLine;
using Spectre.Console;
using TaskCenter.Cli.Output;

namespace TaskCenter.Cli.Commands;

/// <summary><c>taskcenter list --name &lt;name&gt;</c>: the tasks of one name, newest first (the server's query-task-by-name).</summary>
internal static class ListCommand
{
    public static Command Create(CliContext context)
    {
        var name = new Option<string>("--name", "-n") { Description = "The task name", Required = true };
        var command = new Command("list", "List the tasks with a name, newest first") { name };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            using var client = context.CreateClient(parseResult);
            var tasks = await client.GetTasksByNameAsync(parseResult.GetValue(name)!, cancellationToken);
            if (context.IsJson(parseResult))
            {
                context.WriteJson(tasks.Select(TaskJson.From));
            }
            else if (tasks.Count == 0)
            {
                await context.Console.Out.WriteLineAsync("no tasks");
            }
            else
            {
                context.Console.OutConsole.Write(TaskTables.Many(tasks));
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
