using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;
using TaskCenter.Server.Tests.Push;
using TaskCenter.Testing;
using static TaskCenter.Server.Tests.Wire;

namespace TaskCenter.Server.Tests.Process;

/// <summary>
/// SIGKILL a real server process while it pushes a burst to a push group's receiver, start it again on the same data,
/// and check that every fire reached the receiver at least once, each always with the one webhook-id of its fire.
/// </summary>
public sealed class PushKillTests : IAsyncLifetime
{
    private const int Fires = 1000;
    private readonly string _dataDirectory = TempDirectory.Create("taskcenter-push-kill");
    private PushReceiver _receiver = null!;

    [Fact]
    public async Task Every_fire_reaches_the_receiver_after_a_sigkill_mid_push_each_with_one_webhook_id()
    {
        var received = new ConcurrentBag<(string Data, string WebhookId)>();
        _receiver.Answer = async push =>
        {
            received.Add((push.Text, push.Header("webhook-id")));
            await Task.Delay(2); // a receiver's work: pushes are in flight when the server dies
            return Results.NoContent();
        };

        string secret;
        await using (var first = await ServerProcess.StartAsync(_dataDirectory))
        {
            using var http = new HttpClient { BaseAddress = first.BaseAddress };
            var (status, group) = await http.PutJsonAsync(
                "/v1/api/groups/push-survivor",
                Json(new { tags = "push-kill", push = new { url = _receiver.Url(), timeout_ms = 1000, max_concurrency = 8 } }));
            Assert.True(status == System.Net.HttpStatusCode.Created, group.ToString());
            secret = group.GetProperty("push").GetProperty("secret").GetString()!;

            var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            var (added, _) = await http.PostJsonAsync(
                "/v1/api/tasks/batch",
                Json(new { tasks = Enumerable.Range(0, Fires).Select(i => new { name = "push-kill", type = 1, data = $"push {i}", start_time = now + 1 + (i % 3) }) }));
            Assert.Equal(System.Net.HttpStatusCode.OK, added);

            // Kill once pushes are under way: some delivered and acked, some in flight, most not due yet.
            await Waiting.PollAsync(() => Task.FromResult(received.Count), count => count >= 200);
            await first.KillAsync();
        }

        await using var second = await ServerProcess.StartAsync(_dataDirectory);
        // Pushes leased by the killed process come back when their leases end (the timeout and 10 s).
        await Waiting.PollAsync(
            () => Task.FromResult(received.Select(push => push.Data).Distinct().Count()),
            count => count == Fires);

        Assert.Equal(Enumerable.Range(0, Fires).Select(i => $"push {i}").Order(), received.Select(push => push.Data).Distinct().Order());
        Assert.All(received.GroupBy(push => push.Data), pushes => Assert.Single(pushes.Select(push => push.WebhookId).Distinct()));
        Assert.Equal(Fires, received.Select(push => push.WebhookId).Distinct().Count());
        var sample = await _receiver.Received.NextAsync();
        Assert.True(sample.IsSignedWith(secret));
    }

    public async Task InitializeAsync() => _receiver = await PushReceiver.StartAsync();

    public async Task DisposeAsync()
    {
        await _receiver.DisposeAsync();
        TempDirectory.Delete(_dataDirectory);
    }
}
