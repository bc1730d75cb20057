using TaskCenter.Client.Consumer;
using TaskCenter.Client.Tests.Support;

namespace TaskCenter.Client.Tests.Consumer;

/// <summary><see cref="TaskConsumer.StartAsync"/> returns once the group is subscribed, on every backend.</summary>
public abstract class TaskConsumerStartTests(ServerFixture fixture)
{
    [Fact]
    public async Task A_fire_recorded_right_after_StartAsync_returns_reaches_a_new_group()
    {
        // Another group already takes the tag, so the server keeps no fire for a group that subscribes later: only a
        // subscription in place when the fire is recorded brings it to the new group.
        var (tag, existing, newcomer) = (Unique.Name("start"), Unique.Name("group"), Unique.Name("group"));
        await fixture.SubscribeAsync(existing, tag);
        var received = new TaskCompletionSource<TaskMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var recorder = new RecordingHttpHandler();
        using var client = new TaskCenterClient(new TaskCenterClientOptions { BaseAddress = fixture.Server.BaseAddress, HttpHandler = recorder });
        var logger = new RecordingLogger<TaskConsumer>();
        await using var consumer = new TaskConsumer(client, fixture.ConsumerOptions(newcomer), logger);
        consumer.Register(tag, (context, _) => Task.FromResult(received.TrySetResult(context.Message)));

        await consumer.StartAsync();

        // Subscribed by the time it returned: the server answered the consume call that registers the group, or the
        // consumer's queue was declared and bound on the broker.
        if (fixture.Server.RabbitMq is null)
        {
            Assert.Contains("/v1/api/consume", recorder.Answered);
        }
        else
        {
            Assert.Contains(logger.TakeLogged(), entry => entry.Message.StartsWith($"Consuming group {newcomer} from", StringComparison.Ordinal));
        }

        var taskId = (await fixture.Client.AddTaskAsync(NewTask.Once(tag, "right after the start"))).TaskId;

        Assert.Equal(taskId, (await received.Task.OrTimeout()).TaskId);
        Assert.Equal(taskId, await fixture.TakeWaitingAsync(existing, tag));
    }
}

public sealed class TaskConsumerStartTestsOnSqlite(SqliteServerFixture fixture) : TaskConsumerStartTests(fixture), IClassFixture<SqliteServerFixture>;

public sealed class TaskConsumerStartTestsOnPostgres(PostgresServerFixture fixture) : TaskConsumerStartTests(fixture), IClassFixture<PostgresServerFixture>;

public sealed class TaskConsumerStartTestsOnPostgresRabbitMq(PostgresRabbitMqServerFixture fixture) : TaskConsumerStartTests(fixture), IClassFixture<PostgresRabbitMqServerFixture>;
