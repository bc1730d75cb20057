using System.Globalization;
using Microsoft.Extensions.Time.Testing;
using TaskCenter.Server.Tests.Queue;
using TaskCenter.Testing;
using static TaskCenter.Server.Tests.Wire;

namespace TaskCenter.Server.Tests.Engine;

/// <summary>
/// Cron tasks in New York across the nights the clocks change in 2030, on a fake clock through the real API: the engine
/// fires exactly the times of cronie's rule (README, "Daylight saving"). On March 10 at 07:00Z the clocks jump from
/// 02:00 EST (-05:00) to 03:00 EDT (-04:00); on November 3 at 06:00Z they fall back from 02:00 EDT to 01:00 EST.
/// </summary>
public sealed class FakeClockDaylightSavingTests : IAsyncLifetime
{
    private readonly string _data = TempDirectory.Create("taskcenter-daylight");

    /// <summary>A task, the fires it must produce (UTC) and where its schedule must then stand.</summary>
    private sealed record CronTask(string Name, string Crontab, string[] Fires, string Next);

    [Fact]
    public async Task Across_the_spring_forward_night_each_task_fires_exactly_at_the_rules_times() =>
        await AssertNightAsync("2030-03-10T04:00:00Z", "2030-03-10T09:00:00Z",
            new("wildcard", "30 * * * *",
                // 23:30, 00:30, 01:30 EST; no 02:30; 03:30, 04:30 EDT
                ["2030-03-10T04:30:00Z", "2030-03-10T05:30:00Z", "2030-03-10T06:30:00Z", "2030-03-10T07:30:00Z", "2030-03-10T08:30:00Z"],
                "2030-03-10T09:30:00Z"),
            new("fixed-range", "15 0-2 * * *",
                // 00:15, 01:15 EST; the skipped 02:15 at the jump, 03:00 EDT; then 00:15 EDT
                ["2030-03-10T05:15:00Z", "2030-03-10T06:15:00Z", "2030-03-10T07:00:00Z"],
                "2030-03-11T04:15:00Z"),
            new("fixed-list", "0,30 2 * * *",
                // both skipped times, once at the jump; then 02:00 EDT
                ["2030-03-10T07:00:00Z"],
                "2030-03-11T06:00:00Z"));

    [Fact]
    public async Task Across_the_fall_back_night_each_task_fires_exactly_at_the_rules_times() =>
        await AssertNightAsync("2030-11-03T04:00:00Z", "2030-11-03T08:00:00Z",
            new("wildcard", "30 * * * *",
                // 00:30, 01:30 EDT; 01:30, 02:30 EST
                ["2030-11-03T04:30:00Z", "2030-11-03T05:30:00Z", "2030-11-03T06:30:00Z", "2030-11-03T07:30:00Z"],
                "2030-11-03T08:30:00Z"),
            new("fixed-range", "15 0-2 * * *",
                // 00:15, 01:15 EDT; not 01:15 EST; 02:15 EST; then 00:15 EST
                ["2030-11-03T04:15:00Z", "2030-11-03T05:15:00Z", "2030-11-03T07:15:00Z"],
                "2030-11-04T05:15:00Z"),
            new("wildcard-in-the-repeated-hour", "*/20 1 * * *",
                // 01:00, 01:20, 01:40 EDT, then again EST; then 01:00 EST
                ["2030-11-03T05:00:00Z", "2030-11-03T05:20:00Z", "2030-11-03T05:40:00Z", "2030-11-03T06:00:00Z", "2030-11-03T06:20:00Z", "2030-11-03T06:40:00Z"],
                "2030-11-04T06:00:00Z"));

    private async Task AssertNightAsync(string start, string end, params CronTask[] tasks)
    {
        var clock = new FakeTimeProvider(Instant(start));
        await using var server = await RunningServer.StartAsync(dataDirectory: _data, time: clock);
        var ids = new Dictionary<string, string>();
        foreach (var task in tasks)
        {
            await server.Http.ConsumeAsync("g-" + task.Name, task.Name, waitMs: 0);
            var (_, added) = await server.Http.PostJsonAsync("/v1/api/task", Json(new { name = task.Name, type = 3, data = "x", crontab = task.Crontab, timezone = "America/New_York" }));
            ids[task.Name] = added.GetProperty("taskid").GetString() ?? throw new InvalidOperationException(added.ToString());
        }

        // The clock moves to each expected fire in turn and the fire is taken there: a fire at any other time would be
        // taken in its place.
        var due = tasks.SelectMany(t => t.Fires.Select(f => (Time: Instant(f), t.Name))).GroupBy(f => f.Time).OrderBy(g => g.Key);
        foreach (var fires in due)
        {
            clock.Advance(fires.Key - clock.GetUtcNow());
            foreach (var (time, name) in fires)
            {
                var message = Assert.Single(await FakeClockScheduleTests.TakeAsync(server, name, 1));
                Assert.Equal(time.ToUnixTimeSeconds(), message.GetProperty("fire_time").GetInt64());
            }
        }

        // Nothing more: each task has fired exactly so often, and its next fire is past the night.
        clock.Advance(Instant(end) - clock.GetUtcNow());
        foreach (var task in tasks)
        {
            var (_, stored) = await server.Http.GetJsonAsync("/v1/api/query-task-by-id?taskid=" + ids[task.Name]);
            Assert.Equal(task.Fires.Length, stored.GetProperty("fired_count").GetInt64());
            Assert.Equal(Instant(task.Next).ToUnixTimeSeconds(), stored.GetProperty("next_fire_at").GetInt64());
        }
    }

    private static DateTimeOffset Instant(string iso) => DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        TempDirectory.Delete(_data);
        return Task.CompletedTask;
    }
}
