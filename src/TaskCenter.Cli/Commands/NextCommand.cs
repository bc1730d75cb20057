using System.CommandLine;
using TaskCenter.Cli.Input;
using TaskCenter.Cli.Output;
using TaskCenter.Contracts;

namespace TaskCenter.Cli.Commands;

/// <summary><c>taskcenter next &lt;crontab&gt;</c>: the next fire times of a crontab, as the server computes them.</summary>
internal static class NextCommand
{
    public static Command Create(CliContext context)
    {
        var crontab = new Argument<string>("crontab") { Description = "A crontab(5) expression, quoted: \"0 9 * * 1-5\" (a CRON_TZ=Area/City prefix wins over --timezone)" };
        var timeZone = new Option<string?>("--timezone", "-z") { Description = "IANA zone the crontab is read in (default UTC)" };
        var count = new Option<int?>("--count") { Description = "How many times, 1–100 (default 5)" };
        var from = new Option<string?>("--from") { Description = "Times strictly after this one (default now): unix seconds or ISO-8601" };
        var command = new Command("next", "Preview a crontab's next fire times, in its zone and in UTC") { crontab, timeZone, count, from };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            using var client = context.CreateClient(parseResult);
            var after = parseResult.GetValue(from) is { } fromText ? TimeInput.Parse(fromText, "--from") : (DateTimeOffset?)null;
            var next = await client.GetCrontabNextAsync(
                parseResult.GetValue(crontab)!, parseResult.GetValue(timeZone), after, parseResult.GetValue(count), cancellationToken);
            if (context.IsJson(parseResult))
            {
                context.WriteJson(new CrontabNextResponse([.. next.Times.Select(time => time.ToUnixTimeSeconds())], next.TimeZone));
                return ExitCodes.Success;
            }

            if (!TimeZoneInfo.TryFindSystemTimeZoneById(next.TimeZone, out var zone))
            {
                await context.Console.Error.WriteLineAsync($"warning: this machine does not know the zone {next.TimeZone}: the times are shown in UTC only");
            }

            context.Console.OutConsole.Write(FireTimesTable.Create(next, zone));
            return ExitCodes.Success;
        });
        return command;
    }
}
