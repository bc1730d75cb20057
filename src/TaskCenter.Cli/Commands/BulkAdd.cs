using Spectre.Console;
using TaskCenter.Cli.Input;
using TaskCenter.Client;

namespace TaskCenter.Cli.Commands;

/// <summary>
/// <c>taskcenter add --file tasks.jsonl</c>: adds one task per line in order, with a progress bar on stderr. A line that
/// does not parse or that the server refuses is reported with its number and skipped; an unreachable server stops the run.
/// </summary>
internal static class BulkAdd
{
    public static async Task<int> RunAsync(CliContext context, TaskCenterClient client, string path, bool json, CancellationToken cancellationToken)
    {
        var lines = await ReadLinesAsync(context, path, cancellationToken);
        var known = new KnownTaskIds(client);
        var added = new List<AddedLine>();
        var failed = new List<FailedLine>();
        await context.Console.ErrorConsole.Progress()
            .AutoClear(true)
            .StartAsync(async progress =>
            {
                var bar = progress.AddTask("adding tasks", maxValue: Math.Max(1, lines.Count));
                for (var index = 0; index < lines.Count; index++)
                {
                    var lineNumber = index + 1;
                    if (!string.IsNullOrWhiteSpace(lines[index]))
                    {
                        var outcome = await AddLineAsync(client, known, lineNumber, lines[index], cancellationToken);
                        if (outcome.Added is { } ok)
                        {
                            added.Add(ok);
                        }
                        else
                        {
                            failed.Add(outcome.Failed!);
                        }
                    }

                    bar.Increment(1);
                }
            });

        var created = added.Count(line => line.Created);
        var deduplicated = added.Count - created;
        if (json)
        {
            context.WriteJson(new
            {
                created,
                deduplicated,
                failed = failed.Count,
                tasks = added.Select(line => new { line = line.Line, taskid = line.TaskId, name = line.Name, deduplicated = !line.Created }),
                errors = failed.Select(line => new { line = line.Line, msg = line.Message }),
            });
        }
        else
        {
            await context.Console.Out.WriteLineAsync($"created {created}, deduplicated {deduplicated}, failed {failed.Count}");
        }

        foreach (var line in failed)
        {
            await context.Console.Error.WriteLineAsync($"error: line {line.Line}: {line.Message}");
        }

        return failed.Count == 0 ? ExitCodes.Success : ExitCodes.Failure;
    }

    private static async Task<(AddedLine? Added, FailedLine? Failed)> AddLineAsync(
        TaskCenterClient client, KnownTaskIds known, int lineNumber, string line, CancellationToken cancellationToken)
    {
        NewTask task;
        try
        {
            task = TaskLineParser.Parse(line);
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException)
        {
            return (null, new FailedLine(lineNumber, ex.Message));
        }

        try
        {
            await known.LoadAsync(task.Name, cancellationToken);
            var result = await client.AddTaskAsync(task, cancellationToken);
            return (new AddedLine(lineNumber, result.TaskId, task.Name, known.RecordIsNew(task.Name, result.TaskId)), null);
        }
        catch (TaskCenterApiException ex)
        {
            return (null, new FailedLine(lineNumber, ex.Msg));
        }
        catch (ArgumentException ex)
        {
            return (null, new FailedLine(lineNumber, ex.Message));
        }
    }

    private static async Task<List<string>> ReadLinesAsync(CliContext context, string path, CancellationToken cancellationToken)
    {
        try
        {
            var text = path == "-"
                ? await context.Console.In.ReadToEndAsync(cancellationToken)
                : await File.ReadAllTextAsync(path, cancellationToken);
            return [.. text.Split('\n').Select(line => line.TrimEnd('\r'))];
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw CliException.Usage($"--file: cannot read {path}: {ex.Message}");
        }
    }

    private sealed record AddedLine(int Line, string TaskId, string Name, bool Created);

    private sealed record FailedLine(int Line, string Message);
}
