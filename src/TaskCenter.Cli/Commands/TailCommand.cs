using System.CommandLine;
using TaskCenter.Cli.Output;
using TaskCenter.Client;

namespace TaskCenter.Cli.Commands;

/// <summary>
/// <c>taskcenter tail &lt;tag&gt;</c>: follows the fires of a tag live, printing and acking each message, until Ctrl+C or SIGTERM.
/// It consumes as a real consumer group (default <c>cli-tail-&lt;tag&gt;</c>): from its first tail on, the server keeps a
/// delivery of every fire of the tag for that group, whether a tail is running or not (until an admin deletes the group
/// with DELETE /v1/api/groups/{group}), so the next tail of the same group prints what came meanwhile.
/// </summary>
internal static class TailCommand
{
    private const int BatchSize = 16;
    private static readonly TimeSpan LongPoll = TimeSpan.FromSeconds(20);

    public static string DefaultGroup(string tag) => $"cli-tail-{tag}";

    public static Command Create(CliContext context)
    {
        var tag = new Argument<string>("tag") { Description = "The tag (task name) to follow" };
        var group = new Option<string?>("--group", "-g")
        {
            Description = "The consumer group to consume as (default cli-tail-<tag>); a real group that keeps receiving the tag's fires until it is unused",
        };
        var command = new Command("tail", "Follow the fires of a tag live, printing and acking each message (Ctrl+C or SIGTERM stops it)") { tag, group };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var tagName = parseResult.GetValue(tag)!;
            var groupName = parseResult.GetValue(group) ?? DefaultGroup(tagName);
            var json = context.IsJson(parseResult);
            using var client = context.CreateClient(parseResult);
            await context.Console.Error.WriteLineAsync(
                $"following '{tagName}' as consumer group '{groupName}' (a real group: it keeps receiving this tag's fires, also between tails); Ctrl+C stops");
            try
            {
                while (true)
                {
                    var messages = await client.ConsumeAsync(
                        new ConsumeRequest { Group = groupName, Tags = tagName, MaxMessages = BatchSize, WaitTime = LongPoll }, cancellationToken);
                    await PrintAndAckAsync(context, client, groupName, messages, json, cancellationToken);
                    cancellationToken.ThrowIfCancellationRequested();
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return ExitCodes.Success;
            }
        });
        return command;
    }

    /// <summary>Messages not printed before Ctrl+C (or SIGTERM) are left unacked: the server delivers them again after their lease.</summary>
    private static async Task PrintAndAckAsync(
        CliContext context, TaskCenterClient client, string group, IReadOnlyList<TaskMessage> messages, bool json, CancellationToken cancellationToken)
    {
        var printed = new List<string>();
        foreach (var message in messages.TakeWhile(_ => !cancellationToken.IsCancellationRequested))
        {
            if (json)
            {
                JsonOutput.WriteLine(context.Console.Out, WireMapper.ToWire(message));
            }
            else
            {
                await context.Console.Out.WriteLineAsync(
                    $"{TimeText.LocalAndUtc(message.FireTime)}  {message.Name}  task {message.TaskId}  " +
                    $"msg {message.MsgId}  attempt {message.Attempt}  {message.Data}");
            }

            await context.Console.Out.FlushAsync(CancellationToken.None);
            printed.Add(message.MsgId);
        }

        if (printed.Count > 0)
        {
            // Not the command's token: what was printed is acked even when Ctrl+C or SIGTERM came meanwhile.
            await client.AckAsync(group, printed, CancellationToken.None);
        }
    }
}
