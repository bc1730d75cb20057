using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Spectre.Console;
using TaskCenter.Cli.Input;
using TaskCenter.Client;

namespace TaskCenter.Cli.Commands;

/// <summary>
/// <c>taskcenter add --file tasks.jsonl</c>: adds one task per line, sent in batches (<c>POST /v1/api/tasks/batch</c>),
/// with a progress bar on stderr. Every line is parsed first: one that does not parse is reported with its number and
/// skipped. The server adds a batch all or nothing and names the task it refuses (<c>tasks[i]...</c>): that line is
/// reported with its number, and the rest of the batch is sent again. An unreachable server stops the run.
/// </summary>
internal static partial class BulkAdd
{
    /// <summary>Tasks per request, well under the server's limit (<see cref="TaskCenterClient.MaxTasksPerBatch"/>).</summary>
    public const int BatchSize = 500;

    /// <summary>
    /// Bytes of file lines per request: even escaped, such a batch stays under the server's request size limit (six times
    /// the largest payload). A line larger than this goes alone, as add would send it.
    /// </summary>
    private const int BatchBytes = 1024 * 1024;

    public static async Task<int> RunAsync(CliContext context, TaskCenterClient client, string path, bool json, CancellationToken cancellationToken)
    {
        var lines = await ReadLinesAsync(context, path, cancellationToken);
        var parsed = new List<ParsedLine>();
        var failed = new List<FailedLine>();
        for (var index = 0; index < lines.Count; index++)
        {
            if (string.IsNullOrWhiteSpace(lines[index]))
            {
                continue;
            }

            try
            {
                parsed.Add(new ParsedLine(index + 1, TaskLineParser.Parse(lines[index]), Encoding.UTF8.GetByteCount(lines[index])));
            }
            catch (Exception ex) when (ex is FormatException or CliException)
            {
                failed.Add(new FailedLine(index + 1, ex.Message));
            }
        }

        var added = new List<AddedLine>();
        await context.Console.ErrorConsole.Progress()
            .AutoClear(true)
            .StartAsync(async progress =>
            {
                var bar = progress.AddTask("adding tasks", maxValue: Math.Max(1, parsed.Count));
                foreach (var batch in Batches(parsed))
                {
                    await AddBatchAsync(client, batch, added, failed, cancellationToken);
                    bar.Increment(batch.Count);
                }
            });

        added.Sort((a, b) => a.Line.CompareTo(b.Line));
        failed.Sort((a, b) => a.Line.CompareTo(b.Line));
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

    /// <summary>The lines in order, cut into requests of at most <see cref="BatchSize"/> tasks and about <see cref="BatchBytes"/>.</summary>
    private static IEnumerable<List<ParsedLine>> Batches(List<ParsedLine> lines)
    {
        var batch = new List<ParsedLine>();
        var bytes = 0L;
        foreach (var line in lines)
        {
            if (batch.Count > 0 && (batch.Count == BatchSize || bytes + line.Bytes > BatchBytes))
            {
                yield return batch;
                batch = [];
                bytes = 0;
            }

            batch.Add(line);
            bytes += line.Bytes;
        }

        if (batch.Count > 0)
        {
            yield return batch;
        }
    }

    /// <summary>
    /// Sends the batch; while the server refuses one of its tasks, records that line as failed and sends the others again.
    /// A batch too large for the server's request limit is split in two.
    /// </summary>
    private static async Task AddBatchAsync(
        TaskCenterClient client, List<ParsedLine> batch, List<AddedLine> added, List<FailedLine> failed, CancellationToken cancellationToken)
    {
        var pending = new List<ParsedLine>(batch);
        while (pending.Count > 0)
        {
            try
            {
                var results = await client.AddTasksAsync(pending.Select(line => line.Task), cancellationToken);
                added.AddRange(pending.Zip(results, (line, result) => new AddedLine(line.Line, result.TaskId, line.Task.Name, result.Created)));
                return;
            }
            catch (TaskCenterApiException ex) when (RefusedTask(ex.Msg, pending.Count) is { } refused)
            {
                failed.Add(new FailedLine(pending[refused.Index].Line, refused.Message));
                pending.RemoveAt(refused.Index);
            }
            catch (Exception ex) when (pending.Count > 1 && IsTooLarge(ex))
            {
                var half = pending.Count / 2;
                await AddBatchAsync(client, pending[..half], added, failed, cancellationToken);
                await AddBatchAsync(client, pending[half..], added, failed, cancellationToken);
                return;
            }
            catch (Exception ex) when (ex is TaskCenterApiException || IsTooLarge(ex))
            {
                // Not about one task of several (e.g. a missing API key): every line of the batch failed with it.
                var message = ex is TaskCenterApiException api ? api.Msg : ex.Message;
                failed.AddRange(pending.Select(line => new FailedLine(line.Line, message)));
                return;
            }
        }
    }

    private static bool IsTooLarge(Exception exception) => exception switch
    {
        TaskCenterApiException api => api.StatusCode == HttpStatusCode.RequestEntityTooLarge,
        HttpRequestException http => http.StatusCode == HttpStatusCode.RequestEntityTooLarge,
        _ => false,
    };

    /// <summary>The index of the task a batch refusal names (<c>tasks[3].crontab ...</c>), and what is wrong with it.</summary>
    private static (int Index, string Message)? RefusedTask(string message, int count)
    {
        var match = RefusedTaskPattern().Match(message);
        return match.Success && int.TryParse(match.Groups["index"].ValueSpan, out var index) && index < count
            ? (index, match.Groups["what"].Value)
            : null;
    }

    [GeneratedRegex(@"^tasks\[(?<index>\d+)\]\.(?<what>.*?)(?:; no task of the batch was added)?$", RegexOptions.Singleline)]
    private static partial Regex RefusedTaskPattern();

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

    private sealed record ParsedLine(int Line, NewTask Task, int Bytes);

    private sealed record AddedLine(int Line, string TaskId, string Name, bool Created);

    private sealed record FailedLine(int Line, string Message);
}
