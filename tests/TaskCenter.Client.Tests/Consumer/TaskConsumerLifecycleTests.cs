using TaskCenter.Client.Consumer;
using TaskCenter.Client.Tests.Support;

namespace TaskCenter.Client.Tests.Consumer;

public abstract class TaskConsumerLifecycleTests(ServerFixture fixture)
{
    private static readonly TaskHandler Nothing = (_, _) => Task.CompletedTask;

    [Fact]
    public async Task A_consumer_without_handlers_cannot_start()
    {
        await using var consumer = new TaskConsumer(fixture.Client, fixture.ConsumerOptions(Unique.Name("group")));

        await Assert.ThrowsAsync<InvalidOperationException>(() => consumer.StartAsync());
    }

    [Fact]
    public async Task A_tag_can_have_only_one_handler()
    {
        await using var consumer = new TaskConsumer(fixture.Client, fixture.ConsumerOptions(Unique.Name("group")));
        consumer.Register("a || b", Nothing);

        Assert.Throws<ArgumentException>(() => consumer.Register("b", Nothing));
        Assert.Throws<ArgumentException>(() => consumer.Register("c || a", Nothing));
        consumer.Register("*", Nothing);
        Assert.Throws<ArgumentException>(() => consumer.Register("*", Nothing));
    }

    [Fact]
    public async Task A_consumer_runs_once_and_takes_no_handlers_after_it_started()
    {
        await using var consumer = new TaskConsumer(fixture.Client, fixture.ConsumerOptions(Unique.Name("group")));
        consumer.Register(Unique.Name("tag"), Nothing);
        await consumer.StartAsync();

        Assert.Throws<InvalidOperationException>(() => consumer.Register(Unique.Name("tag"), Nothing));
        await Assert.ThrowsAsync<InvalidOperationException>(() => consumer.StartAsync());
        await consumer.StopAsync();
        await consumer.StopAsync(); // stopping again is harmless
        await Assert.ThrowsAsync<InvalidOperationException>(() => consumer.StartAsync());
    }

    [Fact]
    public async Task A_running_consumer_can_be_disposed_synchronously_and_is_then_unusable()
    {
        var consumer = new TaskConsumer(fixture.Client, fixture.ConsumerOptions(Unique.Name("group")));
        consumer.Register(Unique.Name("tag"), Nothing);
        await consumer.StartAsync();

        consumer.Dispose(); // stops its long poll first
        consumer.Dispose(); // disposing again is harmless
        await consumer.DisposeAsync();

        Assert.Throws<ObjectDisposedException>(() => consumer.Register(Unique.Name("tag"), Nothing));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => consumer.StartAsync());
    }

    [Fact]
    public void Invalid_options_are_refused_naming_the_setting()
    {
        var options = fixture.ConsumerOptions(Unique.Name("group"));
        options.MaxConcurrency = 0;

        var error = Assert.ThrowsAny<ArgumentException>(() => new TaskConsumer(fixture.Client, options));

        Assert.Equal(nameof(TaskConsumerOptions.MaxConcurrency), error.ParamName);
    }
}

public sealed class TaskConsumerLifecycleTestsOnSqlite(SqliteServerFixture fixture) : TaskConsumerLifecycleTests(fixture), IClassFixture<SqliteServerFixture>;

public sealed class TaskConsumerLifecycleTestsOnPostgres(PostgresServerFixture fixture) : TaskConsumerLifecycleTests(fixture), IClassFixture<PostgresServerFixture>;

public sealed class TaskConsumerLifecycleTestsOnPostgresRabbitMq(PostgresRabbitMqServerFixture fixture) : TaskConsumerLifecycleTests(fixture), IClassFixture<PostgresRabbitMqServerFixture>;
