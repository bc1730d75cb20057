using System.CommandLine;
using TaskCenter.Cli.Output;
using TaskCenter.Contracts;

namespace TaskCenter.Cli.Commands;

/// <summary><c>taskcenter trigger &lt;taskid&gt;</c>: one extra fire now, besides the schedule (asks first unless --yes).</summary>
internal static class TriggerCommand
{
    public static Command Create(CliContext context)
    {
        var taskId = TaskActionCommands.CreateTaskIdArgument();
        var yes = Confirmation.CreateYesOption();
        var command = new Command("trigger", "Fire a task once now, besides its schedule, which stays as it is (asks first unless --yes)")
        {
            taskId, yes,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var id = parseResult.GetValue(taskId)!;
            await Confirmation.RequireAsync(context.Console, parseResult.GetValue(yes), $"Fire task {id} once now?", cancellationToken);
            using var client = context.CreateClient(parseResult);
            var fired = await client.TriggerTaskAsync(id, cancellationToken);
            if (context.IsJson(parseResult))
            {
                context.WriteJson(new TriggerResponse(fired.TaskId, fired.MsgId, fired.FireTime.ToUnixTimeMilliseconds()));
            }
            else
            {
                await context.Console.Out.WriteLineAsync($"fired task {fired.TaskId} at {TimeText.LocalAndUtc(fired.FireTime)}: msgid {fired.MsgId}");
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
