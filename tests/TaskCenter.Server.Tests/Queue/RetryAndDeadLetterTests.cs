using System.Net;
using TaskCenter.Testing;
using static TaskCenter.Server.Tests.Wire;

namespace TaskCenter.Server.Tests.Queue;

public abstract class RetryAndDeadLetterTests(TestBackend backend) : IAsyncLifetime
{
    private RunningServer _server = null!;

    private HttpClient Http => _server.Http;

    public async Task InitializeAsync() => _server = await RunningServer.StartAsync(
        new Dictionary<string, string?>
        {
            // Short delays so the test can walk the retry ladder: 200 ms, then 400 ms, then dead after 2 retries.
            ["Queue:RetryDelays:0"] = "00:00:00.200",
            ["Queue:RetryDelays:1"] = "00:00:00.400",
            ["Queue:MaxRetries"] = "2",
        },
        backend: backend);

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private async Task<(HttpStatusCode Status, System.Text.Json.JsonElement Body)> NackAsync(string group, string msgid, string error) =>
        await Http.PostJsonAsync("/v1/api/nack", Json(new { group, msgid, error }));

    [Fact]
    public async Task A_nacked_message_comes_back_after_each_delay_then_goes_to_the_dead_letters()
    {
        await Http.ConsumeAsync("retry-group", "retry-tag", waitMs: 0);
        await Http.AddNowAsync("retry-tag", "fails");
        var msgid = Assert.Single(await Http.ConsumeAsync("retry-group", "retry-tag")).Msgid();

        for (var attempt = 2; attempt <= 3; attempt++)
        {
            var nackedAt = DateTimeOffset.UtcNow;
            var (status, nack) = await NackAsync("retry-group", msgid, $"boom {attempt - 1}");
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal("retrying", nack.GetProperty("result").GetString());
            Assert.Empty(await Http.ConsumeAsync("retry-group", "retry-tag", waitMs: 0));

            var again = Assert.Single(await Http.ConsumeAsync("retry-group", "retry-tag"));
            Assert.Equal(msgid, again.Msgid());
            Assert.Equal(attempt, again.GetProperty("attempt").GetInt32());
            Assert.True(DateTimeOffset.UtcNow - nackedAt >= TimeSpan.FromMilliseconds(200 * (attempt - 1)) - TimeSpan.FromMilliseconds(5));
        }

        var (_, last) = await NackAsync("retry-group", msgid, "boom 3");
        Assert.Equal("dead", last.GetProperty("result").GetString());
        Assert.Empty(await Http.ConsumeAsync("retry-group", "retry-tag", waitMs: 600));

        var (_, dead) = await Http.GetJsonAsync("/v1/api/dead-letters?group=retry-group");
        var letter = Assert.Single(dead.GetProperty("dead_letters").EnumerateArray());
        Assert.Equal(msgid, letter.Msgid());
        Assert.Equal("boom 3", letter.GetProperty("last_error").GetString());
        Assert.Equal(3, letter.GetProperty("attempts").GetInt32());
        Assert.Equal("fails", letter.GetProperty("data").GetString());
    }

    [Fact]
    public async Task A_redriven_dead_letter_is_delivered_again_and_a_purged_one_is_gone()
    {
        await Http.ConsumeAsync("redrive-group", "redrive-tag", waitMs: 0);
        await Http.AddNowAsync("redrive-tag", "a");
        await Http.AddNowAsync("redrive-tag", "b");
        foreach (var message in await Http.ConsumeAllAsync("redrive-group", "redrive-tag", count: 2))
        {
            var msgid = message.Msgid();
            string result;
            do
            {
                result = (await NackAsync("redrive-group", msgid, "no")).Body.GetProperty("result").GetString()!;
                if (result == "retrying")
                {
                    Assert.Single(await Http.ConsumeAsync("redrive-group", "redrive-tag", max: 1));
                }
            }
            while (result != "dead");
        }

        var (_, dead) = await Http.GetJsonAsync("/v1/api/dead-letters?group=redrive-group");
        var ids = dead.GetProperty("dead_letters").EnumerateArray().Select(l => l.Msgid()).ToList();
        Assert.Equal(2, ids.Count);

        var (_, redriven) = await Http.PostJsonAsync("/v1/api/dead-letters/redrive", Json(new { group = "redrive-group", msgids = new[] { ids[0] } }));
        Assert.Equal([ids[0]], redriven.GetProperty("msgids").EnumerateArray().Select(e => e.GetString()));
        var back = Assert.Single(await Http.ConsumeAsync("redrive-group", "redrive-tag"));
        Assert.Equal(ids[0], back.Msgid());
        Assert.Equal(1, back.GetProperty("attempt").GetInt32());

        var (_, purged) = await Http.PostJsonAsync("/v1/api/dead-letters/purge", Json(new { group = "redrive-group" }));
        Assert.Equal([ids[1]], purged.GetProperty("msgids").EnumerateArray().Select(e => e.GetString()));
        var (_, empty) = await Http.GetJsonAsync("/v1/api/dead-letters?group=redrive-group");
        Assert.Equal(0, empty.GetProperty("dead_letters").GetArrayLength());
    }
}

public sealed class RetryAndDeadLetterTestsOnSqlite() : RetryAndDeadLetterTests(TestBackend.Sqlite);

public sealed class RetryAndDeadLetterTestsOnPostgres() : RetryAndDeadLetterTests(TestBackend.Postgres);
