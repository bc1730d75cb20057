using System.CommandLine;

namespace TaskCenter.Cli.Commands.Groups;

/// <summary><c>taskcenter group get &lt;group&gt;</c>: a group's subscription and push target (never its secret).</summary>
internal static class GroupGetCommand
{
    public static Command Create(CliContext context)
    {
        var group = GroupCommand.CreateGroupArgument();
        var command = new Command("get", "Show a consumer group: its subscription, and a push group's target and circuit") { group };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            using var client = context.CreateClient(parseResult);
            var name = parseResult.GetValue(group)!;
            // The SDK turns the 404 into null; this is the server's own message for it.
            var found = await client.GetGroupAsync(name, cancellationToken) ?? throw CliException.Failure($"no consumer group {name}");
            await GroupOutput.WriteAsync(context, parseResult, found);
            return ExitCodes.Success;
        });
        return command;
    }
}
