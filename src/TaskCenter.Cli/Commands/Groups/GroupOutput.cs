using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using TaskCenter.Cli.Output;
using TaskCenter.Client;

namespace TaskCenter.Cli.Commands.Groups;

/// <summary>
/// What put and get print: the group as a field/value table (the API's answer with --json), and a secret the server
/// generated, which no later call shows again.
/// </summary>
internal static class GroupOutput
{
    public const string SecretShownOnce = "the server generated this secret and will not show it again: give it to the receiver now";

    public static async Task WriteAsync(CliContext context, ParseResult parseResult, GroupInfo group)
    {
        var secret = group.Push?.Secret;
        if (context.IsJson(parseResult))
        {
            context.WriteJson(WireMapper.ToWire(group));
            if (secret is not null)
            {
                await context.Console.Error.WriteLineAsync($"note: push.secret: {SecretShownOnce}");
            }

            return;
        }

        context.Console.OutConsole.Write(Table(group));
        if (secret is not null)
        {
            await context.Console.Out.WriteLineAsync($"secret: {secret}");
            await context.Console.Out.WriteLineAsync($"({SecretShownOnce})");
        }
    }

    private static Table Table(GroupInfo group)
    {
        var table = new Table().AddColumn("field").AddColumn("value");
        void Row(string field, string value) => table.AddRow(new Text(field), new Text(value));
        Row("group", group.Group);
        Row("tags", group.Tags);
        Row("owner", group.Owner ?? "-");
        Row("updated", TimeText.LocalAndUtc(group.UpdatedAt));
        if (group.Push is not { } push)
        {
            Row("push", "- (consumers pull)");
            return table;
        }

        Row("url", push.Url.OriginalString);
        Row("content type", push.ContentType);
        Row("timeout", $"{push.Timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s");
        Row("max concurrency", push.MaxConcurrency.ToString(CultureInfo.InvariantCulture));
        Row("headers", push.Headers.Count == 0 ? "-" : string.Join("\n", push.Headers.Select(header => $"{header.Key}: {header.Value}")));
        Row("circuit", push.Circuit.ToString().ToLowerInvariant());
        Row("last error", push.LastError ?? "-");
        return table;
    }
}
