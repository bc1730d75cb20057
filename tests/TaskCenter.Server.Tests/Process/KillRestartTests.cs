using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using TaskCenter.Server.Tests.Queue;
using TaskCenter.Testing;
using static TaskCenter.Server.Tests.Wire;

namespace TaskCenter.Server.Tests.Process;

/// <summary>
/// SIGKILL a real server process while it fires and delivers, start it again on the same data, and check that
/// every fire arrives and that no fire was produced twice (a message may be delivered again, with its msgid).
/// </summary>
public sealed class KillRestartTests : IAsyncLifetime
{
    private const string Group = "survivor";
    private readonly string _dataDirectory = TempDirectory.Create("taskcenter-kill");
    private volatile Uri? _address;

    [Fact]
    public async Task Every_fire_arrives_after_a_sigkill_and_none_is_produced_twice()
    {
        await using (var first = await ServerProcess.StartAsync(_dataDirectory))
        {
            _address = first.BaseAddress;
            using var http = new HttpClient { BaseAddress = first.BaseAddress };
            await http.ConsumeAsync(Group, "*", waitMs: 0);

            var expected = await AddWorkloadAsync(http);
            using var stop = new CancellationTokenSource();
            var received = new ConcurrentBag<(string MsgId, string TaskId, long FireTime)>();
            var consumers = Enumerable.Range(0, 4).Select(_ => ConsumeLoopAsync(received, stop.Token)).ToArray();

            // Kill once deliveries are under way: some fires delivered and acked, some in consumers' hands, most not due yet.
            await WaitForAsync(() => received.Count >= 200, TimeSpan.FromSeconds(30), () => $"{received.Count} messages received before the kill");

            await first.KillAsync();
            await using var second = await ServerProcess.StartAsync(_dataDirectory);
            _address = second.BaseAddress;

            await WaitForAsync(
                () => FiresPerTask(received).Sum(kv => Math.Min(kv.Value, expected.GetValueOrDefault(kv.Key))) == expected.Values.Sum(),
                TimeSpan.FromSeconds(90),
                () => $"{FiresPerTask(received).Values.Sum()} of {expected.Values.Sum()} fires arrived after the restart");

            await stop.CancelAsync();
            await Task.WhenAll(consumers);

            Assert.Equal(expected, FiresPerTask(received));

            // Redelivery keeps the msgid: one msgid per fire, so no fire was produced twice.
            var msgIdsPerFire = received.GroupBy(r => (r.TaskId, r.FireTime)).Select(g => g.Select(r => r.MsgId).Distinct().Count());
            Assert.All(msgIdsPerFire, count => Assert.Equal(1, count));
        }
    }

    private static Dictionary<string, int> FiresPerTask(IEnumerable<(string MsgId, string TaskId, long FireTime)> received) =>
        received.DistinctBy(r => (r.TaskId, r.FireTime)).GroupBy(r => r.TaskId).ToDictionary(g => g.Key, g => g.Count());

    /// <summary>
    /// 600 one-shots due over the next 3 s and 20 interval tasks firing 5 times each, 1 s apart. Returns how many
    /// fires each task must produce (a one-shot whose start passed while the workload was added fires at once).
    /// </summary>
    private static async Task<Dictionary<string, int>> AddWorkloadAsync(HttpClient http)
    {
        var expected = new Dictionary<string, int>();
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        for (var i = 0; i < 600; i++)
        {
            var start = now + 1 + (i % 3);
            var (_, body) = await http.PostJsonAsync("/v1/api/task", Json(new { name = $"kill-once-{i % 7}", type = 1, data = $"once {i}", start_time = start }));
            expected.Add(body.GetProperty("taskid").GetString()!, 1);
        }

        for (var i = 0; i < 20; i++)
        {
            var start = now + 1;
            var (_, body) = await http.PostJsonAsync("/v1/api/task", Json(new { name = "kill-loop", type = 2, data = $"loop {i}", loop_time = 1, loop_count = 5, start_time = start }));
            expected.Add(body.GetProperty("taskid").GetString()!, 5);
        }

        return expected;
    }

    private static async Task WaitForAsync(Func<bool> condition, TimeSpan limit, Func<string> describe)
    {
        var deadline = DateTime.UtcNow + limit;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "gave up waiting: " + describe());
            await Task.Delay(20);
        }
    }

    private async Task ConsumeLoopAsync(ConcurrentBag<(string, string, long)> received, CancellationToken stop)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        while (!stop.IsCancellationRequested)
        {
            try
            {
                var address = _address!;
                using var response = await http.PostAsJsonAsync(new Uri(address, "v1/api/consume"),
                    new { group = Group, tags = "*", max = 50, wait_ms = 1000, lease_ms = 2000 }, stop);
                var body = await response.Content.ReadFromJsonAsync<JsonElement>(stop);
                var messages = body.GetProperty("messages").EnumerateArray().ToList();
                foreach (var message in messages)
                {
                    received.Add((message.Msgid(), message.GetProperty("taskid").GetString()!, message.GetProperty("fire_time").GetInt64()));
                }

                if (messages.Count > 0)
                {
                    await http.PostAsJsonAsync(new Uri(address, "v1/api/ack"), new { group = Group, msgids = messages.Select(m => m.Msgid()) }, stop);
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException)
            {
                // The server is down (killed) or restarting: try the current address again.
                await Task.Delay(50, CancellationToken.None);
            }
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        TempDirectory.Delete(_dataDirectory);
        return Task.CompletedTask;
    }
}
