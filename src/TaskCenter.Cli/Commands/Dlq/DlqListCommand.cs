using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using TaskCenter.Cli.Output;
using TaskCenter.Contracts;

namespace TaskCenter.Cli.Commands.Dlq;

/// <summary><c>taskcenter dlq list --group G</c>.</summary>
internal static class DlqListCommand
{
    public static Command Create(CliContext context)
    {
        var group = DlqCommand.CreateGroupOption();
        var limit = new Option<int?>("--limit") { Description = "The most to list (server default 100)" };
        var after = new Option<string?>("--after") { Description = "Page on: only dead letters after this msgid" };
        var command = new Command("list", "List a group's dead letters") { group, limit, after };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            using var client = context.CreateClient(parseResult);
            var letters = await client.GetDeadLettersAsync(
                parseResult.GetValue(group)!, parseResult.GetValue(limit), parseResult.GetValue(after), cancellationToken);
            if (context.IsJson(parseResult))
            {
                context.WriteJson(new DeadLettersResponse([.. letters.Select(WireMapper.ToWire)]));
                return ExitCodes.Success;
            }

            if (letters.Count == 0)
            {
                await context.Console.Out.WriteLineAsync("no dead letters");
                return ExitCodes.Success;
            }

            var table = new Table()
                .AddColumn("msgid").AddColumn("taskid").AddColumn("name").AddColumn(TimeText.LocalAndUtcHeading("fire time"))
                .AddColumn("attempts").AddColumn("last error").AddColumn(TimeText.LocalAndUtcHeading("dead at")).AddColumn("data");
            foreach (var letter in letters)
            {
                table.AddRow(
                    new Text(letter.MsgId), new Text(letter.TaskId), new Text(letter.Name), new Text(TimeText.LocalAndUtc(letter.FireTime)),
                    new Text(letter.Attempts.ToString(CultureInfo.InvariantCulture)), new Text(letter.LastError ?? "-"),
                    new Text(TimeText.LocalAndUtc(letter.DeadAt)), new Text(letter.Data));
            }

            context.Console.OutConsole.Write(table);
            return ExitCodes.Success;
        });
        return command;
    }
}
