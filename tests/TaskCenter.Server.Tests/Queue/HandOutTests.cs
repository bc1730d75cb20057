using System.Net;
using TaskCenter.Testing;
using static TaskCenter.Server.Tests.Wire;

namespace TaskCenter.Server.Tests.Queue;

/// <summary>Ack and nack only what was handed out: a msgid learnt elsewhere (here from the fire history) cannot drop or postpone a message.</summary>
public abstract class HandOutTests(ServerFixture fixture)
{
    private HttpClient Http => fixture.Server.Http;

    /// <summary>Subscribes the group, adds two tasks of the tag, and returns the msgid of each fire once recorded.</summary>
    private async Task<(string First, string Second)> TwoFiresAsync(string group, string tag)
    {
        await Http.ConsumeAsync(group, tag, waitMs: 0);
        var first = await Http.AddNowAsync(tag, "first");
        var second = await Http.AddNowAsync(tag, "second");
        return (await MsgidOfAsync(first), await MsgidOfAsync(second));
    }

    private async Task<string> MsgidOfAsync(string taskId)
    {
        var fires = await Waiting.PollAsync(
            async () => (await Http.GetJsonAsync($"/v1/api/tasks/{taskId}/fires")).Body.GetProperty("fires"),
            fires => fires.GetArrayLength() > 0);
        return fires[0].GetProperty("msgid").GetString()!;
    }

    [Fact]
    public async Task An_ack_naming_a_message_never_handed_out_is_a_409_and_acks_nothing_of_the_call()
    {
        var (first, second) = await TwoFiresAsync("handout-ack", "handout-ack-tag");
        var received = Assert.Single(await Http.ConsumeAsync("handout-ack", "handout-ack-tag", max: 1));
        var notReceived = received.Msgid() == first ? second : first;

        AssertError(
            await Http.PostJsonAsync("/v1/api/ack", Json(new { group = "handout-ack", msgids = new[] { received.Msgid(), notReceived } })),
            HttpStatusCode.Conflict,
            $"message {notReceived} of group handout-ack was never handed out");

        var next = Assert.Single(await Http.ConsumeAsync("handout-ack", "handout-ack-tag"));
        Assert.Equal((notReceived, 1), (next.Msgid(), next.GetProperty("attempt").GetInt32()));
        Assert.Equal([received.Msgid(), notReceived], await Http.AckAsync("handout-ack", received.Msgid(), notReceived));
    }

    [Fact]
    public async Task A_nack_of_a_message_never_handed_out_is_a_409_and_does_not_postpone_it()
    {
        var (first, _) = await TwoFiresAsync("handout-nack", "handout-nack-tag");

        for (var i = 0; i < 3; i++)
        {
            AssertError(
                await Http.PostJsonAsync("/v1/api/nack", Json(new { group = "handout-nack", msgid = first, error = "not mine" })),
                HttpStatusCode.Conflict,
                "was never handed out");
        }

        var messages = await Http.ConsumeAllAsync("handout-nack", "handout-nack-tag", count: 2);
        Assert.Contains(messages, m => m.Msgid() == first && m.GetProperty("attempt").GetInt32() == 1);
    }
}

public sealed class HandOutTestsOnSqlite(SqliteServerFixture fixture) : HandOutTests(fixture), IClassFixture<SqliteServerFixture>;

public sealed class HandOutTestsOnPostgres(PostgresServerFixture fixture) : HandOutTests(fixture), IClassFixture<PostgresServerFixture>;
