using TaskCenter.Client.Consumer;
using TaskCenter.Client.Tests.Support;

namespace TaskCenter.Client.Tests.Consumer;

/// <summary>The tests of every class that uses the process-wide <see cref="TaskCenterConsumer"/> belong to this collection.</summary>
[CollectionDefinition(Name)]
public sealed class StaticConsumerCollection
{
    public const string Name = "TaskCenterConsumer static state";
}

public abstract class TaskCenterConsumerTests(ServerFixture fixture) : IAsyncLifetime
{
    private TaskCenterClient Client => fixture.Client;

    public Task InitializeAsync() => TaskCenterConsumer.ReleaseAsync();

    public Task DisposeAsync() => TaskCenterConsumer.ReleaseAsync();

    [Fact]
    public async Task Init_AddTaskHandler_Start_delivers_a_message_and_Release_stops_and_acks()
    {
        var (tag, group) = (Unique.Name("static"), Unique.Name("group"));
        var received = Waiting.NewChannel<(string TaskId, string Data, string MsgId)>();
        TaskCenterConsumer.Init(fixture.ClientOptions, fixture.ConsumerOptions(group));
        TaskCenterConsumer.AddTaskHandler(tag, (taskId, data, msgId) =>
        {
            received.Writer.TryWrite((taskId, data, msgId));
            return Task.CompletedTask;
        });
        await fixture.SubscribeAsync(group, tag);
        TaskCenterConsumer.Start();

        var taskId = (await Client.AddTaskAsync(NewTask.Once(tag, "static-data"))).TaskId;
        var (receivedTaskId, data, msgId) = await received.NextAsync();
        TaskCenterConsumer.Release();

        Assert.Equal((taskId, "static-data"), (receivedTaskId, data));
        Assert.False(TaskCenterConsumer.IsInitialized);
        await fixture.AssertSettledAsync(group, msgId);
    }

    [Fact]
    public async Task A_context_handler_can_ack_explicitly_through_the_static_consumer()
    {
        var (tag, group) = (Unique.Name("static-ack"), Unique.Name("group"));
        var acked = new TaskCompletionSource<(string MsgId, bool Acked)>(TaskCreationOptions.RunContinuationsAsynchronously);
        TaskCenterConsumer.Init(fixture.ClientOptions, fixture.ConsumerOptions(group));
        TaskCenterConsumer.AddTaskHandler(tag, async (context, cancellationToken) =>
            acked.TrySetResult((context.MsgId, await TaskCenterConsumer.AckAsync(context.MsgId, cancellationToken))));
        await fixture.SubscribeAsync(group, tag);
        await TaskCenterConsumer.StartAsync();

        await Client.AddTaskAsync(NewTask.Once(tag, "ack me") with { Ack = true });
        var (msgId, wasAcked) = await acked.Task.OrTimeout();
        await TaskCenterConsumer.ReleaseAsync();

        Assert.True(wasAcked);
        await fixture.AssertSettledAsync(group, msgId);
    }

    [Fact]
    public async Task The_static_consumer_must_be_initialized_once_and_can_be_initialized_again_after_Release()
    {
        Assert.False(TaskCenterConsumer.IsInitialized);
        Assert.Throws<InvalidOperationException>(() => TaskCenterConsumer.AddTaskHandler("tag", (_, _, _) => Task.CompletedTask));
        Assert.Throws<InvalidOperationException>(TaskCenterConsumer.Start);
        TaskCenterConsumer.Release(); // nothing to release: no-op

        TaskCenterConsumer.Init(fixture.ClientOptions, fixture.ConsumerOptions(Unique.Name("group")));
        Assert.True(TaskCenterConsumer.IsInitialized);
        Assert.Throws<InvalidOperationException>(() => TaskCenterConsumer.Init(fixture.ClientOptions, fixture.ConsumerOptions(Unique.Name("group"))));
        Assert.Throws<InvalidOperationException>(TaskCenterConsumer.Start); // no handler yet

        await TaskCenterConsumer.ReleaseAsync();
        TaskCenterConsumer.Init(fixture.ClientOptions, fixture.ConsumerOptions(Unique.Name("group")));
        Assert.True(TaskCenterConsumer.IsInitialized);
    }

    [Fact]
    public async Task Release_on_a_UI_style_synchronization_context_does_not_deadlock()
    {
        // A desktop app calling the blocking Release() on its UI thread, e.g. while its main window closes.
        using var uiThread = new SingleThreadContext();
        var (tag, group) = (Unique.Name("ui"), Unique.Name("group"));
        var received = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        await uiThread.RunAsync(() =>
        {
            TaskCenterConsumer.Init(fixture.ClientOptions, fixture.ConsumerOptions(group));
            TaskCenterConsumer.AddTaskHandler(tag, (_, _, msgId) =>
            {
                received.TrySetResult(msgId);
                return Task.CompletedTask;
            });
            TaskCenterConsumer.Start();
        }).OrTimeout();
        await fixture.SubscribeAsync(group, tag);
        await Client.AddTaskAsync(NewTask.Once(tag, "from the ui"));
        var msgId = await received.Task.OrTimeout();

        await uiThread.RunAsync(TaskCenterConsumer.Release).OrTimeout();

        Assert.False(TaskCenterConsumer.IsInitialized);
        await fixture.AssertSettledAsync(group, msgId);
    }
}

[Collection(StaticConsumerCollection.Name)]
public sealed class TaskCenterConsumerTestsOnSqlite(SqliteServerFixture fixture) : TaskCenterConsumerTests(fixture), IClassFixture<SqliteServerFixture>;

[Collection(StaticConsumerCollection.Name)]
public sealed class TaskCenterConsumerTestsOnPostgres(PostgresServerFixture fixture) : TaskCenterConsumerTests(fixture), IClassFixture<PostgresServerFixture>;

[Collection(StaticConsumerCollection.Name)]
public sealed class TaskCenterConsumerTestsOnPostgresRabbitMq(PostgresRabbitMqServerFixture fixture) : TaskCenterConsumerTests(fixture), IClassFixture<PostgresRabbitMqServerFixture>;
