using System.Globalization;
using TaskCenter.Benchmarks.Harness;
using TaskCenter.Benchmarks.Results;
using TaskCenter.Benchmarks.Stats;
using TaskCenter.Benchmarks.Systems;

namespace TaskCenter.Benchmarks.Scenarios;

/// <summary>
/// S6: one team's every-second jobs while other teams' keys flood the same server (<see cref="NoisyFlood"/>): their
/// lateness alone, under the flood with the default settings, and under the flood with a rate per key.
/// </summary>
public sealed class S6NoisyNeighbour : IScenario
{
    private const string Fires = "fires_expected";
    private const string FloodAnswers = "flood_answers_per_s";
    private const string FloodAdds = "flood_adds_per_s";
    private const string FloodRefused = "flood_refused";
    private const string TeamKey = "bench-team-key";
    private const string AddKey = "bench-noisy-add-key";
    private const string GroupKey = "bench-noisy-group-key";
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    public string Id => "S6";

    public string Title => "S6 noisy neighbour";

    public string Description =>
        "J jobs every 1 s, K fires each, of one API key, while two other keys flood the server (end to end only): " +
        $"{NoisyFlood.AddCallers} callers adding tasks as fast as it answers, {NoisyFlood.LongPolls} long polls at once, " +
        $"a new {NoisyFlood.TagsPerGroup}-tag consumer group after another. Variants: alone; flooded with the default " +
        "settings; flooded with a rate of 500 requests/s per key (the jobs' key unlimited). 'flood answers/s' counts every " +
        "answer the flooders got, 'refused' their 429s and 409s.";

    public IReadOnlyList<MetricColumn> Columns { get; } =
    [
        MetricKeys.JobsColumn,
        new(Fires, "fires expected", "N0"),
        .. MetricKeys.LatenessColumns,
        new(FloodAnswers, "flood answers/s", "N0"),
        new(FloodAdds, "flood adds/s", "N0"),
        new(FloodRefused, "refused", "N0"),
    ];

    public async Task RunAsync(ScenarioRun run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (!run.Traits.TakesKeys)
        {
            run.Skip("", "not a server with API keys (S6 runs end to end)");
            return;
        }

        var variants = new (string Name, bool Flood, string[] Settings)[]
        {
            ("alone", false, []),
            ("flooded", true, []),
            ("flooded, 500/s per key", true, ["--Security:RateLimit:PermitsPerSecond=500", "--Security:ApiKeys:0:RateLimit:PermitsPerSecond=0"]),
        };
        foreach (var (name, flood, settings) in variants)
        {
            await using var session = SystemSession.Create(run.Entry, run.Progress);
            var keyed = (IKeyedServer)session.System;
            keyed.UseKeys([.. Keys(), .. settings], TeamKey);
            await run.AttemptAsync(name, (row, ct) => MeasureAsync(run, session, keyed, flood, row, ct), cancellationToken);
        }
    }

    private static async Task MeasureAsync(
        ScenarioRun run, SystemSession session, IKeyedServer server, bool flood, SystemRow row, CancellationToken cancellationToken)
    {
        await session.StartAsync(cancellationToken);
        var (jobs, fires) = (run.Settings.S6Jobs, run.Settings.S6Fires);
        var first = Clock.CeilingSecond(session.Log.Now + TimeSpan.FromSeconds(2));
        for (var i = 0; i < jobs; i++)
        {
            await session.System.ScheduleRecurringAsync(i, first, Interval, fires, cancellationToken);
        }

        row.Metrics[MetricKeys.Jobs] = jobs;
        row.Metrics[Fires] = (long)jobs * fires;
        var expected = ExpectedFires.Recurring(jobs, first, Interval, fires);
        using var noisy = new NoisyFlood(server.BaseAddresses[0], AddKey, GroupKey);
        using var stopFlood = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var floodStarted = session.Log.Now;
        var flooding = flood ? noisy.RunAsync(stopFlood.Token) : Task.CompletedTask;
        await run.SayAsync($"{jobs} jobs every second × {fires}{(flood ? ", flooded" : "")}");

        var audit = await FireWaiter.WaitAsync(session.Log, expected, expected.LastDue() + run.Limits.FireDeadline, run.Settings.Grace, cancellationToken);
        await stopFlood.CancelAsync();
        await flooding;
        AuditToRow.Fill(row, audit);
        if (flood)
        {
            var seconds = (session.Log.Now - floodStarted).TotalSeconds;
            row.Metrics[FloodAnswers] = noisy.Total / seconds;
            row.Metrics[FloodAdds] = noisy.Count("add 200") / seconds;
            row.Metrics[FloodRefused] = noisy.Answers.Where(a => a.Key.EndsWith(" 429", StringComparison.Ordinal) || a.Key.EndsWith(" 409", StringComparison.Ordinal)).Sum(a => a.Value);
            row.AppendNote(string.Join(", ", noisy.Answers.OrderBy(a => a.Key, StringComparer.Ordinal)
                .Select(a => string.Create(CultureInfo.InvariantCulture, $"{a.Key}: {a.Value:N0}"))));
        }
    }

    /// <summary>The jobs' own key (admin, no scopes), and the two flooding keys, each scoped to the noisy team's names and groups.</summary>
    private static IEnumerable<string> Keys() =>
    [
        "--Security:ApiKeys:0:Name=team", $"--Security:ApiKeys:0:Key={TeamKey}", "--Security:ApiKeys:0:Role=admin",
        "--Security:ApiKeys:1:Name=noisy-adds", $"--Security:ApiKeys:1:Key={AddKey}", "--Security:ApiKeys:1:Role=admin",
        "--Security:ApiKeys:1:Scopes:Tasks=noisy.*", "--Security:ApiKeys:1:Scopes:Groups=noisy-*",
        "--Security:ApiKeys:2:Name=noisy-groups", $"--Security:ApiKeys:2:Key={GroupKey}", "--Security:ApiKeys:2:Role=admin",
        "--Security:ApiKeys:2:Scopes:Tasks=noisy.*", "--Security:ApiKeys:2:Scopes:Groups=noisy-*",
    ];
}
