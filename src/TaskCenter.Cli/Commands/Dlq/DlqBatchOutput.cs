using System.CommandLine;
using TaskCenter.Contracts;

namespace TaskCenter.Cli.Commands.Dlq;

/// <summary>What redrive and purge print: the msgids the server acted on (<c>{"msgids": [...]}</c> with --json, as the API answers).</summary>
internal static class DlqBatchOutput
{
    public static async Task WriteAsync(CliContext context, ParseResult parseResult, string verb, IReadOnlyList<string> msgIds)
    {
        if (context.IsJson(parseResult))
        {
            context.WriteJson(new MsgIdsResponse(msgIds));
            return;
        }

        await context.Console.Out.WriteLineAsync($"{verb} {msgIds.Count} dead letter(s)");
        foreach (var msgId in msgIds)
        {
            await context.Console.Out.WriteLineAsync(msgId);
        }
    }
}
