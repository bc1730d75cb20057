using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using TaskCenter.Cli.Input;
using TaskCenter.Cli.Output;
using TaskCenter.Client;
using TaskCenter.Contracts;

namespace TaskCenter.Cli.Commands;

/// <summary><c>taskcenter history &lt;taskid&gt;</c>: a task's fires, latest first, and what became of each in every consumer group.</summary>
internal static class HistoryCommand
{
    public static Command Create(CliContext context)
    {
        var taskId = TaskActionCommands.CreateTaskIdArgument();
        var limit = new Option<int?>("--limit") { Description = "The most fires to show, 1–500 (server default 50)" };
        var before = new Option<string?>("--before")
        {
            Description = "Page on: only fires before this time: the next value of the previous page (unix milliseconds), or ISO-8601",
        };
        var command = new Command("history", "Show a task's fires, latest first: delivery per consumer group, lateness, attempts, last error")
        {
            taskId, limit, before,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var beforeTime = parseResult.GetValue(before) is { } beforeText ? ParseBefore(beforeText) : (DateTimeOffset?)null;
            using var client = context.CreateClient(parseResult);
            var id = parseResult.GetValue(taskId)!;
            var page = await client.GetFireHistoryAsync(id, parseResult.GetValue(limit), beforeTime, cancellationToken);
            var next = page.Next?.ToUnixTimeMilliseconds();
            if (context.IsJson(parseResult))
            {
                context.WriteJson(new FireHistoryResponse([.. page.Fires.Select(WireMapper.ToWire)], next, page.MaxAttempts));
                return ExitCodes.Success;
            }

            if (page.Fires.Count == 0)
            {
                await context.Console.Out.WriteLineAsync("no fires");
                return ExitCodes.Success;
            }

            context.Console.OutConsole.Write(Table(page.Fires, page.MaxAttempts));
            if (next is { } more)
            {
                await context.Console.Out.WriteLineAsync(
                    string.Create(CultureInfo.InvariantCulture, $"older fires: taskcenter history {id} --before {more}"));
            }

            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>One row per fire and group; a fire no group got has one row saying why.</summary>
    private static Table Table(IEnumerable<TaskFire> fires, int? maxAttempts)
    {
        var table = new Table()
            .AddColumn(TimeText.LocalAndUtcHeading("fire time")).AddColumn(TimeText.LocalHeading("delivered")).AddColumn("lateness").AddColumn("attempts")
            .AddColumn("state").AddColumn("group").AddColumn("last error").AddColumn("msgid");
        foreach (var fire in fires)
        {
            if (fire.Deliveries.Count == 0)
            {
                var state = fire.Unrouted ? "unrouted" : fire.Unpublished ? "unpublished" : fire.PublishedAt is not null ? "published" : "-";
                table.AddRow(
                    new Text(TimeText.LocalAndUtc(fire.FireTime)), new Text("-"), new Text("-"), new Text("-"), new Text(state),
                    new Text("-"), new Text("-"), new Text(fire.MsgId));
                continue;
            }

            foreach (var delivery in fire.Deliveries)
            {
                table.AddRow(
                    new Text(TimeText.LocalAndUtc(fire.FireTime)),
                    new Text(delivery.FirstDeliveredAt is { } delivered ? TimeText.Local(delivered) : "-"),
                    new Text(delivery.Lateness is { } lateness ? LatenessText(lateness) : "-"),
                    new Text(delivery.Attempts.ToString(CultureInfo.InvariantCulture)),
                    new Text(StateText(delivery, maxAttempts)),
                    new Text(delivery.Group),
                    new Text(delivery.LastError ?? "-"),
                    new Text(fire.MsgId));
            }
        }

        return table;
    }

    /// <summary>
    /// A delivery's state; one waiting for its retry says when, and under it which attempt of how many that is ("retry
    /// at …" over "attempt 2 of 17"; without "of" when a broker delivers, whose consumers set their own).
    /// </summary>
    private static string StateText(FireDelivery delivery, int? maxAttempts)
    {
        var state = delivery.State.ToString().ToLowerInvariant();
        if (delivery is not { State: DeliveryState.Ready, Attempts: > 0, AvailableAt: { } retryAt })
        {
            return state;
        }

        var attempt = (delivery.Attempts + 1).ToString(CultureInfo.InvariantCulture);
        return $"retry at {TimeText.Local(retryAt)}\nattempt {attempt}" + (maxAttempts is { } max ? string.Create(CultureInfo.InvariantCulture, $" of {max}") : "");
    }

    private static string LatenessText(TimeSpan lateness) =>
        lateness.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture) + " s";

    /// <summary>Unix milliseconds (the <c>next</c> value the previous page printed), or an ISO-8601 time.</summary>
    private static DateTimeOffset ParseBefore(string text)
    {
        if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var milliseconds))
        {
            return milliseconds is >= 0 and <= 253_402_300_799_999
                ? DateTimeOffset.FromUnixTimeMilliseconds(milliseconds)
                : throw CliException.Usage($"--before: {text} is out of range for unix milliseconds");
        }

        return TimeInput.Parse(text, "--before");
    }
}
