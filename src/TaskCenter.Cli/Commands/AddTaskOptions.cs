using System.CommandLine;
using TaskCenter.Client;
using TaskCenter.Cli.Input;

namespace TaskCenter.Cli.Commands;

/// <summary>The options of <c>add</c> that describe one task, and the <see cref="NewTask"/> they make.</summary>
internal sealed class AddTaskOptions
{
    public Option<string?> Name { get; } = new("--name", "-n") { Description = "The task's name: the tag consumers subscribe to" };

    public Option<string?> Data { get; } = new("--data", "-d") { Description = "The payload, delivered as given" };

    public Option<string?> DataFile { get; } = new("--data-file")
    {
        Description = "Read the payload from this file (- for stdin), without its final newline (see --keep-trailing-newline)",
    };

    public Option<bool> KeepTrailingNewline { get; } = new("--keep-trailing-newline")
    {
        Description = "With --data-file: keep the file exactly as it is, final newline included",
    };

    public Option<string?> Type { get; } = new("--type", "-t")
    {
        Description = $"{TaskTypeInput.Choices}; default: cron with --crontab, interval with --loop-time, else once",
    };

    public Option<string?> Crontab { get; } = new("--crontab", "-c") { Description = "crontab(5) expression (cron tasks)" };

    public Option<int?> LoopTime { get; } = new("--loop-time") { Description = "Seconds between fires (interval tasks)" };

    public Option<long?> LoopCount { get; } = new("--loop-count") { Description = "The most fires of an interval or cron task; 0 = unlimited" };

    public Option<string?> Start { get; } = new("--start") { Description = "No fire before (a one-shot fires at) this time: unix seconds or ISO-8601" };

    public Option<string?> End { get; } = new("--end") { Description = "No fire after this time: unix seconds or ISO-8601" };

    public Option<string?> TimeZone { get; } = new("--timezone", "-z") { Description = "IANA zone the crontab is read in (default UTC)" };

    public Option<int?> MaxRuntime { get; } = new("--max-runtime") { Description = "Seconds a consumer may hold one message before it is delivered again" };

    public Option<bool> Ack { get; } = new("--ack") { Description = "Handlers acknowledge explicitly" };

    public IEnumerable<Option> All => [Name, Data, DataFile, KeepTrailingNewline, Type, Crontab, LoopTime, LoopCount, Start, End, TimeZone, MaxRuntime, Ack];

    /// <summary>The payload of <c>--data</c> or <c>--data-file</c>.</summary>
    public Task<string> ReadDataAsync(ParseResult parseResult, TextReader stdin, CancellationToken cancellationToken) => DataInput.ReadAsync(
        parseResult.GetValue(Data), parseResult.GetValue(DataFile), parseResult.GetValue(KeepTrailingNewline), stdin, cancellationToken);

    public NewTask ToNewTask(ParseResult parseResult, string data)
    {
        var crontab = parseResult.GetValue(Crontab);
        var loopTime = parseResult.GetValue(LoopTime);
        var type = parseResult.GetValue(Type) is { } typeText ? TaskTypeInput.Parse(typeText) : TaskTypeInput.Infer(crontab, loopTime);
        return new NewTask
        {
            Name = parseResult.GetValue(Name) ?? throw CliException.Usage("--name is required (or --file for a bulk add)"),
            Type = type,
            Data = data,
            Crontab = crontab,
            LoopTime = loopTime is { } seconds ? TimeSpan.FromSeconds(seconds) : null,
            LoopCount = parseResult.GetValue(LoopCount) ?? 0,
            StartTime = parseResult.GetValue(Start) is { } start ? TimeInput.Parse(start, "--start") : null,
            EndTime = parseResult.GetValue(End) is { } end ? TimeInput.Parse(end, "--end") : null,
            TimeZone = parseResult.GetValue(TimeZone),
            MaxRuntime = parseResult.GetValue(MaxRuntime) is { } maxRuntime ? TimeSpan.FromSeconds(maxRuntime) : null,
            Ack = parseResult.GetValue(Ack),
        };
    }
}
