using System.CommandLine;

namespace TaskCenter.Cli.Commands.Dlq;

/// <summary><c>taskcenter dlq redrive --group G [msgid...]</c>: delivers dead letters again with a fresh retry budget.</summary>
internal static class DlqRedriveCommand
{
    public static Command Create(CliContext context)
    {
        var group = DlqCommand.CreateGroupOption();
        var msgIds = DlqCommand.CreateMsgIdsArgument("redrive");
        var command = new Command("redrive", "Deliver dead letters again (all of the group's when no msgid is given)") { group, msgIds };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            using var client = context.CreateClient(parseResult);
            var ids = parseResult.GetValue(msgIds) is { Length: > 0 } given ? given : null;
            var redriven = await client.RedriveDeadLettersAsync(parseResult.GetValue(group)!, ids, cancellationToken);
            await DlqBatchOutput.WriteAsync(context, parseResult, "redriven", redriven);
            return ExitCodes.Success;
        });
        return command;
    }
}
