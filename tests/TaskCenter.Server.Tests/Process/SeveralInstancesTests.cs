using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TaskCenter.Testing;
using static TaskCenter.Server.Tests.Wire;

namespace TaskCenter.Server.Tests.Process;

/// <summary>
/// Three real server processes on one PostgreSQL database, consumers long-polling all of them. One instance is
/// SIGKILLed (or frozen, as by a network cut) under load: every fire still arrives, and no fire is produced twice
/// (a message may be delivered again, always with its msgid).
/// </summary>
public sealed class SeveralInstancesTests : IAsyncLifetime
{
    private const string Group = "shared";
    private const int Instances = 3;
    private static readonly TimeSpan TakeOverTimeout = TimeSpan.FromSeconds(3);

    private readonly string _dataDirectory = TempDirectory.Create("taskcenter-instances");
    private readonly List<ServerProcess> _servers = [];
    private readonly ConcurrentDictionary<int, Uri> _live = new();
    private readonly ConcurrentBag<(string MsgId, string TaskId, long FireTime)> _received = [];

    [Fact]
    public async Task Every_fire_arrives_once_when_one_of_three_instances_is_killed()
    {
        await StartInstancesAsync();
        var expected = await AddWorkloadAsync();
        using var stop = new CancellationTokenSource();
        var consumers = Enumerable.Range(0, 6).Select(i => ConsumeLoopAsync(i, stop.Token)).ToArray();

        await WaitForAsync(() => _received.Count >= 200, TimeSpan.FromSeconds(60), () => $"{_received.Count} messages before the kill");
        _live.TryRemove(2, out _);
        await _servers[2].KillAsync();

        await WaitForAllAsync(expected);
        await stop.CancelAsync();
        await Task.WhenAll(consumers);
        AssertEachFireOnce(expected);
    }

    [Fact]
    public async Task A_frozen_instance_is_taken_over_and_rejoins_when_it_wakes()
    {
        await StartInstancesAsync();
        var expected = await AddWorkloadAsync();
        using var stop = new CancellationTokenSource();
        var consumers = Enumerable.Range(0, 6).Select(i => ConsumeLoopAsync(i, stop.Token)).ToArray();

        await WaitForAsync(() => _received.Count >= 200, TimeSpan.FromSeconds(60), () => $"{_received.Count} messages before the freeze");
        _live.TryRemove(2, out _);
        await _servers[2].FreezeAsync();

        await WaitForAllAsync(expected);

        // Awake again: its cut-off transactions were ended by the database; it serves and schedules again.
        await _servers[2].ResumeAsync();
        using var http = new HttpClient { BaseAddress = _servers[2].BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        var (status, body) = await http.PostJsonAsync("/v1/api/task", Json(new { name = "rejoined", type = 1, data = "after the thaw" }));
        Assert.Equal(HttpStatusCode.OK, status);
        expected.Add(body.GetProperty("taskid").GetString()!, 1);
        _live[2] = _servers[2].BaseAddress;

        await WaitForAllAsync(expected);
        await stop.CancelAsync();
        await Task.WhenAll(consumers);
        AssertEachFireOnce(expected);
    }

    private async Task StartInstancesAsync()
    {
        var connectionString = await SharedPostgres.NewDatabaseAsync("instances");
        for (var i = 0; i < Instances; i++)
        {
            var server = await ServerProcess.StartAsync(
                _dataDirectory,
                "--Storage:Provider=Postgres",
                $"--Storage:Postgres:ConnectionString={connectionString}",
                $"--Storage:Postgres:TakeOverTimeout={TakeOverTimeout}",
                "--Engine:PollInterval=00:00:00.500");
            _servers.Add(server);
            _live[i] = server.BaseAddress;
        }

        // The group subscribes before any fire is recorded, through one instance; the others read it from the database.
        using var http = new HttpClient { BaseAddress = _servers[0].BaseAddress };
        await http.PostJsonAsync("/v1/api/consume", Json(new { group = Group, tags = "*", max = 1, wait_ms = 0 }));
    }

    /// <summary>
    /// 600 one-shots due over the next 4 s and 20 interval tasks firing 6 times, 1 s apart, added through every
    /// instance in turn. Returns how many fires each task must produce.
    /// </summary>
    private async Task<Dictionary<string, int>> AddWorkloadAsync()
    {
        var clients = _servers.Select(s => new HttpClient { BaseAddress = s.BaseAddress }).ToList();
        var expected = new Dictionary<string, int>();
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        for (var i = 0; i < 600; i++)
        {
            var (_, body) = await clients[i % Instances].PostJsonAsync(
                "/v1/api/task", Json(new { name = $"multi-once-{i % 7}", type = 1, data = $"once {i}", start_time = now + 1 + (i % 4) }));
            expected.Add(body.GetProperty("taskid").GetString()!, 1);
        }

        for (var i = 0; i < 20; i++)
        {
            var (_, body) = await clients[i % Instances].PostJsonAsync(
                "/v1/api/task", Json(new { name = "multi-loop", type = 2, data = $"loop {i}", loop_time = 1, loop_count = 6, start_time = now + 1 }));
            expected.Add(body.GetProperty("taskid").GetString()!, 6);
        }

        clients.ForEach(c => c.Dispose());
        return expected;
    }

    private Task WaitForAllAsync(Dictionary<string, int> expected) =>
        WaitForAsync(
            () => FiresPerTask().Sum(kv => Math.Min(kv.Value, expected.GetValueOrDefault(kv.Key))) == expected.Values.Sum(),
            TimeSpan.FromSeconds(120),
            () => $"{FiresPerTask().Values.Sum()} of {expected.Values.Sum()} fires arrived");

    private void AssertEachFireOnce(Dictionary<string, int> expected)
    {
        Assert.Equal(expected, FiresPerTask());
        var msgIdsPerFire = _received.GroupBy(r => (r.TaskId, r.FireTime)).Select(g => g.Select(r => r.MsgId).Distinct().Count());
        Assert.All(msgIdsPerFire, count => Assert.Equal(1, count));
    }

    private Dictionary<string, int> FiresPerTask() =>
        _received.DistinctBy(r => (r.TaskId, r.FireTime)).GroupBy(r => r.TaskId).ToDictionary(g => g.Key, g => g.Count());

    private static async Task WaitForAsync(Func<bool> condition, TimeSpan limit, Func<string> describe)
    {
        var deadline = DateTime.UtcNow + limit;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "gave up waiting: " + describe());
            await Task.Delay(20);
        }
    }

    /// <summary>Long-polls the live instances in turn, starting at a different one per consumer, and acks what it gets.</summary>
    private async Task ConsumeLoopAsync(int consumer, CancellationToken stop)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        for (var turn = consumer; !stop.IsCancellationRequested; turn++)
        {
            var live = _live.Values.ToArray();
            var address = live[turn % live.Length];
            try
            {
                using var response = await http.PostAsJsonAsync(
                    new Uri(address, "v1/api/consume"), new { group = Group, tags = "*", max = 50, wait_ms = 500, lease_ms = 5000 }, stop);
                var body = await response.Content.ReadFromJsonAsync<JsonElement>(stop);
                var messages = body.GetProperty("messages").EnumerateArray().ToList();
                foreach (var message in messages)
                {
                    _received.Add((message.GetProperty("msgid").GetString()!, message.GetProperty("taskid").GetString()!, message.GetProperty("fire_time").GetInt64()));
                }

                if (messages.Count > 0)
                {
                    // Acked through another instance than the one that handed them out: any instance serves the queue.
                    var ackAt = live[(turn + 1) % live.Length];
                    await http.PostAsJsonAsync(new Uri(ackAt, "v1/api/ack"), new { group = Group, msgids = messages.Select(m => m.GetProperty("msgid").GetString()) }, stop);
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException or KeyNotFoundException or InvalidOperationException)
            {
                // That instance is gone or frozen: the next turn asks another.
            }
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var server in _servers)
        {
            await server.DisposeAsync();
        }

        TempDirectory.Delete(_dataDirectory);
    }
}
