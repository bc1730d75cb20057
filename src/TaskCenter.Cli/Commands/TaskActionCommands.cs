using System.CommandLine;
using TaskCenter.Cli.Output;
using TaskCenter.Client;

namespace TaskCenter.Cli.Commands;

/// <summary><c>taskcenter pause &lt;taskid&gt;</c> and <c>resume &lt;taskid&gt;</c>: stop and restart a task's schedule.</summary>
internal static class TaskActionCommands
{
    public static Command Pause(CliContext context) => Create(
        context, "pause", "Pause a task: it fires no more until resumed (a paused task stays paused)", "paused",
        (client, id, cancellationToken) => client.PauseTaskAsync(id, cancellationToken));

    public static Command Resume(CliContext context) => Create(
        context, "resume", "Resume a paused task from now on (the times it missed are not fired)", "resumed",
        (client, id, cancellationToken) => client.ResumeTaskAsync(id, cancellationToken));

    /// <summary>The <c>taskid</c> argument of the commands that act on one task.</summary>
    public static Argument<string> CreateTaskIdArgument() => new("taskid") { Description = "The task's id (24 hex characters)" };

    private static Command Create(
        CliContext context, string name, string description, string verb, Func<TaskCenterClient, string, CancellationToken, Task<TaskInfo>> act)
    {
        var taskId = CreateTaskIdArgument();
        var command = new Command(name, description) { taskId };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            using var client = context.CreateClient(parseResult);
            var task = await act(client, parseResult.GetValue(taskId)!, cancellationToken);
            if (context.IsJson(parseResult))
            {
                context.WriteJson(WireMapper.ToWire(task));
            }
            else
            {
                await context.Console.Out.WriteLineAsync(
                    $"{verb} task {task.Id} ({task.Name}): {task.State.ToString().ToLowerInvariant()}, next fire {TimeText.LocalAndUtc(task.NextFireAt)}");
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
