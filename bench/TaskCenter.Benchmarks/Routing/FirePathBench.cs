using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using TaskCenter.Benchmarks.Systems;
using TaskCenter.Core.Limits;
using TaskCenter.Core.Queue;
using TaskCenter.Core.Storage;
using TaskCenter.Core.Tasks;
using TaskCenter.Storage.Postgres;
using TaskCenter.Storage.Sqlite;
using TaskCenter.Testing;

namespace TaskCenter.Benchmarks.Routing;

/// <summary>
/// <c>--fire-path</c>: the fire path alone, on each storage — fires recorded per second by <c>FireDueAsync</c> (the
/// engine's transaction: take the due tasks, advance them, record their fires and route each to the groups it goes to),
/// with one group subscribed to every tag, and with 1,000 idle groups of 256 tags besides it (tags no job fires); and
/// what a subscription change costs as groups accumulate. No consumer, no adds during the measurement: the storage only.
/// </summary>
public static class FirePathBench
{
    private const int IdleGroups = 1000;
    private const int TagsPerGroup = 256;
    private const int BatchSize = 1000;
    private static readonly DateTimeOffset DueAt = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);

    public static async Task RunAsync(bool quick, TextWriter output, TextWriter progress, CancellationToken cancellationToken)
    {
        var fires = quick ? 20_000 : 100_000;
        await output.WriteLineAsync($"## Fire path: {fires:N0} fires recorded by FireDueAsync in batches of {BatchSize:N0}");
        await output.WriteLineAsync();
        await output.WriteLineAsync("| storage | groups besides the jobs' | subscribing: first 100 groups, ms each | last 100, ms each | fires recorded/s |");
        await output.WriteLineAsync("|---|---:|---:|---:|---:|");
        foreach (var postgres in new[] { false, true })
        {
            foreach (var idle in new[] { 0, IdleGroups })
            {
                await progress.WriteLineAsync($"[fire path] {(postgres ? "PostgreSQL" : "SQLite")}, {idle:N0} idle groups");
                var row = await MeasureAsync(postgres, idle, fires, cancellationToken);
                await output.WriteLineAsync(string.Create(
                    CultureInfo.InvariantCulture,
                    $"| {(postgres ? "PostgreSQL" : "SQLite")} | {idle:N0} | {row.FirstHundred:0.00} | {row.LastHundred:0.00} | {row.FiresPerSecond:N0} |"));
            }
        }

        await output.WriteLineAsync();
    }

    private static async Task<(double FirstHundred, double LastHundred, double FiresPerSecond)> MeasureAsync(
        bool postgres, int idleGroups, int fires, CancellationToken cancellationToken)
    {
        using var directory = new BenchDirectory("taskcenter-bench-fire-path");
        await using var server = postgres ? await PostgresServer.StartAsync(cancellationToken) : null;
        var services = new ServiceCollection()
            .Configure<LimitOptions>(limits => limits.MaxGroups = idleGroups + 1); // the idle groups and the bench's own
        if (server is null)
        {
            services.AddTaskCenterSqlite(options => options.Path = directory.DatabasePath);
        }
        else
        {
            var connectionString = await server.CreateDatabaseAsync("fire_path", cancellationToken);
            services.AddTaskCenterPostgres(options => options.ConnectionString = connectionString);
        }

        await using var storage = services.BuildServiceProvider();
        var ledger = storage.GetRequiredService<IFireLedger>();
        await ledger.InitializeAsync(cancellationToken);

        var (first, last) = await SubscribeAsync(ledger, idleGroups, cancellationToken);
        await SubscribeAsync(ledger, "bench", TagFilter.All, cancellationToken);
        var tasks = storage.GetRequiredService<ITaskStore>();
        var ids = new TaskIdGenerator(TimeProvider.System);
        for (var added = 0; added < fires; added += BatchSize)
        {
            var batch = Enumerable.Range(added, Math.Min(BatchSize, fires - added)).Select(i => new ScheduledTask
            {
                Id = ids.NewId(),
                Name = JobPayload.TaskName,
                Type = TaskType.OneShot,
                Data = JobPayload.Data(i),
                NextFireAt = DueAt,
                CreatedAt = DueAt,
            }).ToList();
            await tasks.AddManyAsync(batch, cancellationToken);
        }

        var recorded = 0;
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var pass = await ledger.FireDueAsync(DueAt, BatchSize, due => [.. due.Select(task => Advance(task, ids))], cancellationToken);
            recorded += pass.Recorded.Count;
            if (pass.Due == 0)
            {
                break;
            }
        }

        if (recorded != fires)
        {
            throw new InvalidOperationException($"{recorded} of {fires} fires were recorded.");
        }

        return (first, last, fires / clock.Elapsed.TotalSeconds);
    }

    private static TaskAdvance Advance(ScheduledTask task, TaskIdGenerator ids) => new(
        task with { State = TaskState.Finished, FiredCount = 1, NextFireAt = null, FinishedAt = DueAt },
        [FireRecord.Of(task, ids.NewId(), DueAt, DueAt)]);

    /// <summary>Subscribes the idle groups; returns how long a subscription took among the first and among the last hundred, in ms.</summary>
    private static async Task<(double First, double Last)> SubscribeAsync(IFireLedger ledger, int groups, CancellationToken cancellationToken)
    {
        var hundreds = new List<double>();
        var clock = Stopwatch.StartNew();
        for (var group = 0; group < groups; group++)
        {
            var expression = string.Join(" || ", Enumerable.Range(0, TagsPerGroup).Select(tag => string.Create(CultureInfo.InvariantCulture, $"idle-{group}-{tag}")));
            _ = TagFilter.TryParse(expression, out var tags, out _);
            await SubscribeAsync(ledger, string.Create(CultureInfo.InvariantCulture, $"idle-{group}"), tags, cancellationToken);
            if ((group + 1) % 100 == 0)
            {
                hundreds.Add(clock.Elapsed.TotalMilliseconds / 100);
                clock.Restart();
            }
        }

        return hundreds.Count == 0 ? (0, 0) : (hundreds[0], hundreds[^1]);
    }

    private static async Task SubscribeAsync(IFireLedger ledger, string group, TagFilter tags, CancellationToken cancellationToken) =>
        await ledger.SubscribeAsync(group, tags, null, DueAt, cancellationToken);
}
