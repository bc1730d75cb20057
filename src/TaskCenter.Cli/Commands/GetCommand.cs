using System.CommandLine;
using Spectre.Console;
using TaskCenter.Cli.Output;

namespace TaskCenter.Cli.Commands;

/// <summary><c>taskcenter get &lt;taskid&gt;</c>: one task.</summary>
internal static class GetCommand
{
    public static Command Create(CliContext context)
    {
        var taskId = new Argument<string>("taskid") { Description = "The task's id (24 hex characters)" };
        var command = new Command("get", "Show one task") { taskId };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            using var client = context.CreateClient(parseResult);
            var id = parseResult.GetValue(taskId)!;
            // The SDK turns the 404 into null; this is the server's own message for it.
            var task = await client.GetTaskAsync(id, cancellationToken) ?? throw CliException.Failure($"no task with taskid {id}");
            if (context.IsJson(parseResult))
            {
                context.WriteJson(WireMapper.ToWire(task));
            }
            else
            {
                context.Console.OutConsole.Write(TaskTables.One(task));
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
