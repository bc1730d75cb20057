using System.CommandLine;
using TaskCenter.Cli.Output;

namespace TaskCenter.Cli.Commands.Groups;

/// <summary>
/// <c>taskcenter group delete &lt;group&gt;</c>: removes a group with its push target, its messages not acked yet and its
/// dead letters (asks first unless --yes).
/// </summary>
internal static class GroupDeleteCommand
{
    public static Command Create(CliContext context)
    {
        var group = GroupCommand.CreateGroupArgument();
        var yes = Confirmation.CreateYesOption();
        var command = new Command(
            "delete", "Delete a consumer group with its push target, messages not acked yet and dead letters (asks first unless --yes)")
        {
            group, yes,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var name = parseResult.GetValue(group)!;
            await Confirmation.RequireAsync(
                context.Console, parseResult.GetValue(yes), $"Delete group '{name}' with its messages and dead letters?", cancellationToken);
            using var client = context.CreateClient(parseResult);
            var removed = await client.DeleteGroupAsync(name, cancellationToken) ?? throw CliException.Failure($"no consumer group {name}");
            if (context.IsJson(parseResult))
            {
                context.WriteJson(WireMapper.ToWire(removed));
            }
            else
            {
                await context.Console.Out.WriteLineAsync(
                    $"deleted group {removed.Group}: {removed.Pending} message(s) not acked yet and {removed.DeadLetters} dead letter(s) with it");
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
