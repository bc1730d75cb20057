using System.CommandLine;
using TaskCenter.Cli.Input;
using TaskCenter.Cli.Output;
using TaskCenter.Client;

namespace TaskCenter.Cli.Commands;

/// <summary>
/// <c>taskcenter update &lt;taskid&gt; [--data ...] [--crontab ...] ...</c>: changes a task's payload, schedule or limits;
/// the options are those of <c>add</c>, and what is not given stays as it is.
/// </summary>
internal static class UpdateCommand
{
    private const string None = "none";

    public static Command Create(CliContext context)
    {
        var taskId = TaskActionCommands.CreateTaskIdArgument();
        var task = new AddTaskOptions();
        task.Start.Description = $"No fire before this time: unix seconds or ISO-8601, or '{None}' to remove it";
        task.End.Description = $"No fire after this time: unix seconds or ISO-8601, or '{None}' to remove it";
        var ack = new Option<bool?>("--ack") { Description = "Handlers acknowledge explicitly: --ack or --ack true; --ack false for automatic" };
        var command = new Command("update", "Change a task's payload, schedule or limits (name and type cannot change); its next fire is recomputed")
        {
            taskId,
        };
        foreach (var option in new Option[]
        {
            task.Data, task.DataFile, task.KeepTrailingNewline, task.Crontab, task.LoopTime, task.LoopCount, task.Start, task.End, task.TimeZone, task.MaxRuntime, ack,
        })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var hasData = parseResult.GetValue(task.Data) is not null || parseResult.GetValue(task.DataFile) is not null;
            var start = parseResult.GetValue(task.Start);
            var end = parseResult.GetValue(task.End);
            var change = new TaskChange
            {
                Data = hasData ? await task.ReadDataAsync(parseResult, context.Console.In, cancellationToken) : null,
                Crontab = parseResult.GetValue(task.Crontab),
                LoopTime = parseResult.GetValue(task.LoopTime) is { } loopTime ? TimeSpan.FromSeconds(loopTime) : null,
                LoopCount = parseResult.GetValue(task.LoopCount),
                StartTime = IsNone(start) || start is null ? null : TimeInput.Parse(start, "--start"),
                RemoveStartTime = IsNone(start),
                EndTime = IsNone(end) || end is null ? null : TimeInput.Parse(end, "--end"),
                RemoveEndTime = IsNone(end),
                TimeZone = parseResult.GetValue(task.TimeZone),
                MaxRuntime = parseResult.GetValue(task.MaxRuntime) is { } maxRuntime ? TimeSpan.FromSeconds(maxRuntime) : null,
                Ack = parseResult.GetValue(ack),
            };
            if (change.IsEmpty)
            {
                throw CliException.Usage("nothing to change: give at least one of --data, --data-file, --crontab, --loop-time, --loop-count, --start, --end, --timezone, --max-runtime, --ack");
            }

            using var client = context.CreateClient(parseResult);
            var updated = await client.UpdateTaskAsync(parseResult.GetValue(taskId)!, change, cancellationToken);
            if (context.IsJson(parseResult))
            {
                context.WriteJson(WireMapper.ToWire(updated));
            }
            else
            {
                await context.Console.Out.WriteLineAsync($"updated task {updated.Id} ({updated.Name})");
                context.Console.OutConsole.Write(TaskTables.One(updated));
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static bool IsNone(string? time) => string.Equals(time?.Trim(), None, StringComparison.OrdinalIgnoreCase);
}
