using System.Net;
using System.Text.Json;
using TaskCenter.Client;
using TaskCenter.Server.Tests.Queue;
using TaskCenter.Testing;
using static TaskCenter.Server.Tests.Wire;

namespace TaskCenter.Server.Tests.Process;

/// <summary>
/// The server as a process of its own on PostgreSQL, delivering through RabbitMQ, and the SDK consumer reading from the
/// broker: tasks added over HTTP reach the handler; a failing handler's message is retried, dead-lettered into the
/// server's storage, listed and redriven over HTTP, and then handled.
/// </summary>
public sealed class RabbitMqEndToEndTests : IDisposable
{
    private const string Group = "e2e-group";
    private const string Name = "e2e";
    private const int MaxRetries = 2;
    private readonly string _dataDirectory = TempDirectory.Create("taskcenter-e2e-rabbitmq");

    [Fact]
    public async Task A_failing_message_is_retried_dead_lettered_listed_and_redriven_over_http_and_then_handled()
    {
        var backend = await TestBackends.SettingsAsync(TestBackend.PostgresRabbitMq);
        var endpoint = backend.RabbitMq!;
        await using var server = await ServerProcess.StartAsync(_dataDirectory, backend.AsArguments());
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        var deliveries = Waiting.NewChannel<TaskMessage>();
        var refusing = true;
        await using var consumer = SdkConsumers.OverRabbitMq(endpoint, Group, maxConcurrency: 4, rabbit =>
        {
            rabbit.RetryDelays = [TimeSpan.FromMilliseconds(200)];
            rabbit.MaxRetries = MaxRetries;
        });
        consumer.Register(Name, (context, _) =>
        {
            deliveries.Writer.TryWrite(context.Message);
            return context.Data == "poison" && Volatile.Read(ref refusing)
                ? throw new InvalidOperationException($"refused on attempt {context.Attempt}")
                : Task.CompletedTask;
        });
        await consumer.StartAsync();
        await GroupQueues.WaitUntilConsumedAsync(endpoint, Group);

        var fineId = await http.AddNowAsync(Name, "fine");
        var poisonId = await http.AddNowAsync(Name, "poison");
        var seen = await deliveries.NextAsync(MaxRetries + 2);

        var fine = Assert.Single(seen, m => m.TaskId == fineId);
        Assert.Equal(1, fine.Attempt);
        var poison = seen.Where(m => m.TaskId == poisonId).ToList();
        Assert.Equal(Enumerable.Range(1, MaxRetries + 1), poison.Select(m => m.Attempt));
        var msgId = Assert.Single(poison.Select(m => m.MsgId).Distinct());

        var letters = await Waiting.PollAsync(() => DeadLettersAsync(http), found => found.Count > 0);
        var letter = Assert.Single(letters);
        Assert.Equal((msgId, poisonId, Name, "poison"), (Text(letter, "msgid"), Text(letter, "taskid"), Text(letter, "name"), Text(letter, "data")));
        Assert.Equal(MaxRetries + 1, letter.GetProperty("attempts").GetInt32());
        Assert.Equal($"refused on attempt {MaxRetries + 1}", Text(letter, "last_error"));

        Volatile.Write(ref refusing, false);
        var (status, redriven) = await http.PostJsonAsync("/v1/api/dead-letters/redrive", Json(new { group = Group, msgids = new[] { msgId } }));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal([msgId], redriven.GetProperty("msgids").EnumerateArray().Select(id => id.GetString()));

        var handled = await deliveries.NextAsync();
        Assert.Equal((msgId, poisonId, 1), (handled.MsgId, handled.TaskId, handled.Attempt));
        await consumer.StopAsync();
        Assert.Empty(await DeadLettersAsync(http));
        Assert.Equal(0u, await GroupQueues.CountLeftAsync(endpoint, Group));
        Assert.False(deliveries.Reader.TryRead(out var extra), $"delivered again: {extra}");
    }

    private static async Task<List<JsonElement>> DeadLettersAsync(HttpClient http)
    {
        var (status, body) = await http.GetJsonAsync("/v1/api/dead-letters?group=" + Group);
        Assert.Equal(HttpStatusCode.OK, status);
        return [.. body.GetProperty("dead_letters").EnumerateArray()];
    }

    private static string? Text(JsonElement element, string property) => element.GetProperty(property).GetString();

    // IDisposable, not IAsyncDisposable: xunit 2 disposes test classes through IDisposable and IAsyncLifetime only.
    public void Dispose() => TempDirectory.Delete(_dataDirectory);
}
