using System.CommandLine;
using Spectre.Console;
using TaskCenter.Cli.Input;
using TaskCenter.Cli.Output;

namespace TaskCenter.Cli.Commands;

/// <summary><c>taskcenter next &lt;crontab&gt;</c>: the next fire times of a crontab, as the server computes them.</summary>
internal static class NextCommand
{
    public static Command Create(CliContext context)
    {
        var crontab = new Argument<string>("crontab") { Description = "A crontab(5) expression, quoted: \"0 9 * * 1-5\"" };
        var timeZone = new Option<string?>("--timezone", "-z") { Description = "IANA zone the crontab is read in (default UTC)" };
        var count = new Option<int?>("--count") { Description = "How many times, 1–100 (default 5)" };
        var from = new Option<string?>("--from") { Description = "Times strictly after this one (default now): unix seconds or ISO-8601" };
        var command = new Command("next", "Preview a crontab's next fire times, in its zone and in UTC") { crontab, timeZone, count, from };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            using var client = context.CreateClient(parseResult);
            var expression = parseResult.GetValue(crontab)!;
            var zoneId = parseResult.GetValue(timeZone);
            var after = parseResult.GetValue(from) is { } fromText ? TimeInput.Parse(fromText, "--from") : (DateTimeOffset?)null;
            var times = await client.GetCrontabNextAsync(expression, zoneId, after, parseResult.GetValue(count), cancellationToken);
            var zone = zoneId is null ? TimeZoneInfo.Utc : TimeZoneInfo.FindSystemTimeZoneById(zoneId); // the server accepted it
            if (context.IsJson(parseResult))
            {
                context.WriteJson(new
                {
                    crontab = expression,
                    timezone = zoneId ?? "UTC",
                    times = times.Select(time => new { unix = time.ToUnixTimeSeconds(), zoned = TimeText.In(time, zone), utc = TimeText.Utc(time) }),
                });
            }
            else
            {
                var table = new Table().AddColumn(zoneId ?? "UTC").AddColumn("UTC").AddColumn("unix");
                foreach (var time in times)
                {
                    table.AddRow(new Text(TimeText.In(time, zone)), new Text(TimeText.Utc(time)), new Text(time.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture)));
                }

                context.Console.OutConsole.Write(table);
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
