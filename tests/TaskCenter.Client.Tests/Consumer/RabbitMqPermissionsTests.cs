using Microsoft.Extensions.Logging;
using TaskCenter.Client.Consumer;
using TaskCenter.Client.RabbitMq;
using TaskCenter.Client.Tests.Support;

namespace TaskCenter.Client.Tests.Consumer;

/// <summary>
/// The RabbitMQ users of docs/deployment.md, set up with rabbitmqctl in a virtual host of their own: the server's user
/// and a consumer's user hold only the permissions the page names, and everything works — publishing, retries, dead
/// letters, a redrive — while the consumer's user is refused another group's queue.
/// </summary>
public sealed class RabbitMqPermissionsTests
{
    // As in docs/deployment.md (configure, write, read), for the exchange taskcenter and the group billing.
    private static readonly string[] ServerPermissions =
    [
        @"^taskcenter(\.(unrouted|retry|delay|dead-letters))?$",
        @"^taskcenter(\.(unrouted|retry))?$",
        @"^taskcenter(\.(unrouted|dead-letters))?$",
    ];

    private static readonly string[] BillingConsumerPermissions =
    [
        @"^taskcenter(\.(unrouted|retry|delay|dead-letters|group\.billing|delay\.[0-9]+ms))?$",
        @"^(amq\.default|taskcenter\.(unrouted|retry|delay|group\.billing|delay\.[0-9]+ms))$",
        @"^taskcenter(\.(unrouted|retry|delay|group\.billing|delay\.[0-9]+ms))?$",
    ];

    [Fact]
    public async Task The_server_and_a_consumer_work_with_only_the_documented_permissions()
    {
        var broker = await SharedRabbitMq.ServerAsync();
        var vhost = $"perm-{Guid.NewGuid():N}";
        await broker.RunCtlAsync("add_vhost", vhost);
        var serverUri = await AddUserAsync(broker, vhost, "server", ServerPermissions);
        var consumerUri = await AddUserAsync(broker, vhost, "billing", BillingConsumerPermissions);
        await using var server = await RunningServer.StartAsync(
            new Dictionary<string, string?> { ["Delivery:RabbitMq:Uri"] = serverUri.ToString(), ["Delivery:RabbitMq:Exchange"] = "taskcenter" },
            backend: TestBackend.PostgresRabbitMq);
        using var client = new TaskCenterClient(new TaskCenterClientOptions { BaseAddress = server.BaseAddress });

        var attempts = Waiting.NewChannel<TaskMessage>();
        var failing = true;
        await using var billing = new TaskConsumer(Options("billing", consumerUri));
        billing.Register("billing", (context, _) =>
        {
            attempts.Writer.TryWrite(context.Message);
            return Volatile.Read(ref failing) ? throw new InvalidOperationException("boom") : Task.CompletedTask;
        });
        await billing.StartAsync();
        await GroupQueues.WaitUntilConsumedAsync(new RabbitMqEndpoint(consumerUri, "taskcenter"), "billing");

        var taskId = (await client.AddTaskAsync(NewTask.Once("billing", "x"))).TaskId;
        Assert.Equal([1, 2], (await attempts.NextAsync(2)).Select(message => message.Attempt)); // a retry through a delay queue
        var letter = Assert.Single(await Waiting.PollAsync(() => client.GetDeadLettersAsync("billing"), letters => letters.Count > 0));
        Assert.Equal((taskId, "boom"), (letter.TaskId, letter.LastError)); // published by the consumer, drained by the server
        Volatile.Write(ref failing, false);
        Assert.Equal([letter.MsgId], await client.RedriveDeadLettersAsync("billing", [letter.MsgId]));
        var redriven = await attempts.NextAsync(); // published by the server through the retry exchange
        Assert.Equal((letter.MsgId, 1), (redriven.MsgId, redriven.Attempt));

        var logger = new RecordingLogger<TaskConsumer>();
        await using var reports = new TaskConsumer(Options("reports", consumerUri), logger);
        reports.Register("reports", (_, _) => Task.CompletedTask);
        await reports.StartAsync();
        while (await logger.Entries.NextAsync() is var (level, text, _) && !(level == LogLevel.Warning && text.Contains("ACCESS_REFUSED", StringComparison.Ordinal)))
        {
        }
    }

    private static TaskConsumerOptions Options(string group, Uri broker) =>
        new TaskConsumerOptions { Group = group, RetryDelay = TimeSpan.FromMilliseconds(100) }.UseRabbitMq(rabbit =>
        {
            rabbit.Uri = broker;
            rabbit.RetryDelays = [TimeSpan.FromMilliseconds(200)];
            rabbit.MaxRetries = 1;
        });

    private static async Task<Uri> AddUserAsync(RabbitMqServer broker, string vhost, string name, string[] permissions)
    {
        var user = $"{name}-{Guid.NewGuid():N}";
        await broker.RunCtlAsync("add_user", user, "secret");
        await broker.RunCtlAsync(["set_permissions", "-p", vhost, user, .. permissions]);
        return new Uri($"amqp://{user}:secret@127.0.0.1:{broker.Port}/{vhost}");
    }
}
