using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using TaskCenter.Testing;
using static TaskCenter.Server.Tests.Wire;

namespace TaskCenter.Server.Tests.Process;

/// <summary>
/// Other keys flood a real server process — adds as fast as they can, more long polls than a key may have, and a new
/// consumer group after another with as many tags as a subscription may hold — while one key's every-second task is
/// consumed: that task's fires stay on time, none missed. On time means each fire reaches its consumer before the next
/// one is due (1 s); the benchmark's noisy-neighbour row (docs/benchmarks.md) has the lateness figures.
/// </summary>
[Collection(Alone.Name)]
public sealed class NoisyNeighbourTests : IAsyncLifetime
{
    private const string TeamKey = "team-key-5e1f";
    private const string NoisyKey = "noisy-key-77b0";
    private const string GroupsKey = "noisy-groups-key-a4c2";
    private static readonly TimeSpan Flood = TimeSpan.FromSeconds(12);
    private readonly string _dataDirectory = TempDirectory.Create("taskcenter-noisy");

    [Fact]
    public async Task Other_keys_flooding_adds_subscriptions_and_long_polls_leave_an_every_second_task_on_time()
    {
        await using var server = await ServerProcess.StartAsync(_dataDirectory, Settings());
        using var team = Client(server, TeamKey);
        using var noisy = Client(server, NoisyKey);
        using var groups = Client(server, GroupsKey);
        Assert.Equal(HttpStatusCode.OK, (await team.PostJsonAsync("/v1/api/consume", """{"group":"team-workers","tags":"team.tick"}""")).Status);
        var start = DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 2;
        var added = await team.PostJsonAsync("/v1/api/task", Json(new { name = "team.tick", type = 2, data = "tick", loop_time = 1, start_time = start }));
        Assert.Equal(HttpStatusCode.OK, added.Status);

        using var stop = new CancellationTokenSource();
        var fires = new ConcurrentDictionary<long, double>();
        var consumer = ConsumeAsync(team, fires, stop.Token);
        await WaitUntilAsync(() => fires.Count >= 2); // the task fires and is consumed before the flood starts

        var statuses = new ConcurrentDictionary<string, int>();
        using (var flood = new CancellationTokenSource(Flood))
        {
            var workers = Enumerable.Range(0, 8).Select(w => AddFloodAsync(noisy, w, statuses, flood.Token))
                .Append(GroupFloodAsync(groups, statuses, flood.Token))
                .Concat(Enumerable.Range(0, 150).Select(_ => LongPollFloodAsync(noisy, statuses, flood.Token)))
                .ToArray();
            await Task.WhenAll(workers);
        }

        // Fires due during the flood and right after it, consumed.
        var last = DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 1;
        await WaitUntilAsync(() => fires.ContainsKey(last));
        await stop.CancelAsync();
        await consumer;

        var counts = string.Join(", ", statuses.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => $"{s.Key}: {s.Value}"));
        Assert.True(statuses.GetValueOrDefault("add 200") > 100, $"the flood added tasks: {counts}");
        Assert.True(statuses.GetValueOrDefault("consume 409") > 0, $"new groups past the key's limit were refused: {counts}");
        Assert.True(statuses.GetValueOrDefault("poll 429") > 0, $"long polls past the key's cap were refused: {counts}");
        var expected = Enumerable.Range(0, (int)(last - start + 1)).Select(i => start + i).ToList();
        Assert.Equal(expected, fires.Keys.Order().Where(t => t <= last));
        var late = fires.Where(f => f.Value >= 1.0).ToList();
        Assert.True(late.Count == 0, $"fires late by a whole period: {string.Join(", ", late.Select(f => $"{f.Key}: {f.Value:0.000} s"))}");
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        TempDirectory.Delete(_dataDirectory);
        return Task.CompletedTask;
    }

    /// <summary>Admin keys, each scoped to its own team's names and groups; 20 groups per key, other limits as by default.</summary>
    private static string[] Settings() =>
    [
        "--Limits:MaxGroupsPerKey=20",
        "--Security:ApiKeys:0:Name=team", $"--Security:ApiKeys:0:Key={TeamKey}", "--Security:ApiKeys:0:Role=admin",
        "--Security:ApiKeys:0:Scopes:Tasks=team.*", "--Security:ApiKeys:0:Scopes:Groups=team-*",
        "--Security:ApiKeys:1:Name=noisy", $"--Security:ApiKeys:1:Key={NoisyKey}", "--Security:ApiKeys:1:Role=admin",
        "--Security:ApiKeys:1:Scopes:Tasks=noisy.*", "--Security:ApiKeys:1:Scopes:Groups=noisy-*",
        "--Security:ApiKeys:2:Name=noisy-groups", $"--Security:ApiKeys:2:Key={GroupsKey}", "--Security:ApiKeys:2:Role=admin",
        "--Security:ApiKeys:2:Scopes:Tasks=noisy.*", "--Security:ApiKeys:2:Scopes:Groups=noisy-*",
    ];

    private static HttpClient Client(ServerProcess server, string key)
    {
        var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 512 }) { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(90) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return http;
    }

    /// <summary>Long-polls the team's group, acks, and records each fire's lateness: received − fire time, in seconds.</summary>
    private static async Task ConsumeAsync(HttpClient team, ConcurrentDictionary<long, double> fires, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            using var content = new StringContent("""{"group":"team-workers","tags":"team.tick","max":10,"wait_ms":2000}""", Encoding.UTF8, "application/json");
            HttpResponseMessage response;
            try
            {
                response = await team.PostAsync(new Uri("v1/api/consume", UriKind.Relative), content, stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }

            using (response)
            {
                var received = DateTimeOffset.UtcNow;
                using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(CancellationToken.None));
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                var msgIds = new List<string>();
                foreach (var message in body.RootElement.GetProperty("messages").EnumerateArray())
                {
                    var fireTime = message.GetProperty("fire_time").GetInt64();
                    fires.TryAdd(fireTime, (received - DateTimeOffset.FromUnixTimeSeconds(fireTime)).TotalSeconds);
                    msgIds.Add(message.GetProperty("msgid").GetString()!);
                }

                if (msgIds.Count > 0)
                {
                    await team.PostJsonAsync("/v1/api/ack", Json(new { group = "team-workers", msgids = msgIds }));
                }
            }
        }
    }

    /// <summary>Adds one-shot tasks due in an hour, each with data of its own, as fast as the server answers.</summary>
    private static async Task AddFloodAsync(HttpClient noisy, int worker, ConcurrentDictionary<string, int> statuses, CancellationToken flood)
    {
        var due = DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 3600;
        for (var i = 0; !flood.IsCancellationRequested; i++)
        {
            var task = Json(new { name = $"noisy.flood{worker % 4}", type = 1, data = $"{worker}-{i}", start_time = due });
            await CountAsync(statuses, "add", noisy, "v1/api/task", task, flood);
        }
    }

    /// <summary>New consumer groups, one after another, each subscribing to as many tags as a subscription may name.</summary>
    private static async Task GroupFloodAsync(HttpClient noisy, ConcurrentDictionary<string, int> statuses, CancellationToken flood)
    {
        var tags = string.Join(" || ", Enumerable.Range(0, 256).Select(t => $"noisy.tag{t}"));
        for (var g = 0; !flood.IsCancellationRequested; g++)
        {
            var consume = Json(new { group = $"noisy-g{g}", tags });
            await CountAsync(statuses, "consume", noisy, "v1/api/consume", consume, flood);
        }
    }

    /// <summary>Long polls of one group, again and again, more at once than a key may have.</summary>
    private static async Task LongPollFloodAsync(HttpClient noisy, ConcurrentDictionary<string, int> statuses, CancellationToken flood)
    {
        const string poll = """{"group":"noisy-pollers","tags":"noisy.none","wait_ms":5000}""";
        while (!flood.IsCancellationRequested)
        {
            await CountAsync(statuses, "poll", noisy, "v1/api/consume", poll, flood);
        }
    }

    /// <summary>POSTs and counts the answer's status by kind; the flood's end cancels the request itself.</summary>
    private static async Task CountAsync(
        ConcurrentDictionary<string, int> statuses, string kind, HttpClient http, string path, string json, CancellationToken flood)
    {
        try
        {
            using var content = new StringContent(json, Encoding.UTF8, "application/json");
            using var response = await http.PostAsync(new Uri(path, UriKind.Relative), content, flood);
            statuses.AddOrUpdate($"{kind} {(int)response.StatusCode}", 1, (_, n) => n + 1);
        }
        catch (OperationCanceledException) when (flood.IsCancellationRequested)
        {
        }
    }

    private static Task<bool> WaitUntilAsync(Func<bool> condition) =>
        Waiting.PollAsync(() => Task.FromResult(condition()), done => done);
}
