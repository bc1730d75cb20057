using System.CommandLine;

namespace TaskCenter.Cli.Commands.Dlq;

/// <summary><c>taskcenter dlq purge --group G [msgid...]</c>: deletes dead letters for good (asks first unless --yes).</summary>
internal static class DlqPurgeCommand
{
    public static Command Create(CliContext context)
    {
        var group = DlqCommand.CreateGroupOption();
        var msgIds = DlqCommand.CreateMsgIdsArgument("purge");
        var yes = Confirmation.CreateYesOption();
        var command = new Command("purge", "Delete dead letters for good (all of the group's when no msgid is given; asks first unless --yes)")
        {
            group, msgIds, yes,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var groupName = parseResult.GetValue(group)!;
            var ids = parseResult.GetValue(msgIds) is { Length: > 0 } given ? given : null;
            var question = ids is null ? $"Purge every dead letter of group '{groupName}'?" : $"Purge {ids.Length} dead letter(s) of group '{groupName}'?";
            await Confirmation.RequireAsync(context.Console, parseResult.GetValue(yes), question, cancellationToken);
            using var client = context.CreateClient(parseResult);
            var purged = await client.PurgeDeadLettersAsync(groupName, ids, cancellationToken);
            await DlqBatchOutput.WriteAsync(context, parseResult, "purged", purged);
            return ExitCodes.Success;
        });
        return command;
    }
}
