using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using TaskCenter.Client.Consumer;
using TaskCenter.Client.Tests.Support;

namespace TaskCenter.Client.Tests.Consumer;

public abstract class TaskConsumerRetryTests(ServerFixture fixture)
{
    private TaskCenterClient Client => fixture.Client;

    [Fact]
    public async Task A_failing_handler_gets_the_message_again_until_it_is_a_dead_letter_and_a_redrive_brings_it_back()
    {
        var (tag, group) = (Unique.Name("fails"), Unique.Name("group"));
        var deliveries = Waiting.NewChannel<TaskMessage>();
        var failing = true;
        await using var consumer = new TaskConsumer(fixture.Client, fixture.ConsumerOptions(group));
        consumer.Register(tag, (context, _) =>
        {
            deliveries.Writer.TryWrite(context.Message);
            return Volatile.Read(ref failing)
                ? throw new InvalidOperationException($"boom on attempt {context.Attempt}")
                : Task.CompletedTask;
        });
        await fixture.SubscribeAsync(group, tag);
        await consumer.StartAsync();

        var taskId = (await Client.AddTaskAsync(NewTask.Once(tag, "payload"))).TaskId;
        var first = await deliveries.NextAsync();
        for (var attempt = 2; attempt <= ServerFixture.Attempts; attempt++)
        {
            var again = await deliveries.NextAsync(); // after the 200 ms retry delay
            Assert.Equal((first.MsgId, attempt), (again.MsgId, again.Attempt));
        }

        var deadLetters = await Waiting.PollAsync(() => Client.GetDeadLettersAsync(group), letters => letters.Count > 0);
        var letter = Assert.Single(deadLetters);
        Assert.Equal((first.MsgId, taskId, tag, "payload"), (letter.MsgId, letter.TaskId, letter.Name, letter.Data));
        Assert.Equal(ServerFixture.Attempts, letter.Attempts);
        Assert.Equal($"boom on attempt {ServerFixture.Attempts}", letter.LastError);

        Volatile.Write(ref failing, false);
        Assert.Equal([first.MsgId], await Client.RedriveDeadLettersAsync(group, [first.MsgId]));

        var redriven = await deliveries.NextAsync();
        Assert.Equal((first.MsgId, 1), (redriven.MsgId, redriven.Attempt));
        await consumer.StopAsync();
        Assert.Empty(await Client.GetDeadLettersAsync(group));
        await fixture.AssertSettledAsync(group, first.MsgId);
    }

    [Fact]
    public async Task A_failure_is_logged_as_a_warning_with_the_handlers_exception_and_the_retry_time_in_ISO_8601()
    {
        // The exception goes to the logger whole (its stack trace is the SDK user's to see or format away); times are
        // round-trip ISO-8601 whatever the culture, not the invariant culture's MM/dd/yyyy.
        var (tag, group) = (Unique.Name("logged"), Unique.Name("group"));
        var logger = new RecordingLogger<TaskConsumer>();
        var thrown = new InvalidOperationException("boom");
        await using var consumer = new TaskConsumer(fixture.Client, fixture.ConsumerOptions(group), logger);
        consumer.Register(tag, (_, _) => throw thrown);
        await fixture.SubscribeAsync(group, tag);
        await consumer.StartAsync();

        var before = DateTimeOffset.UtcNow;
        await Client.AddTaskAsync(NewTask.Once(tag, "x"));
        var entries = new List<(LogLevel Level, string Message, Exception? Exception)>();
        while (entries.Count == 0 || !entries[^1].Message.Contains("will be retried at", StringComparison.Ordinal))
        {
            entries.Add(await logger.Entries.NextAsync());
        }

        await consumer.StopAsync().OrTimeout();
        var failed = Assert.Single(entries, e => e.Message.Contains("failed", StringComparison.Ordinal));
        Assert.Equal((LogLevel.Warning, thrown), (failed.Level, failed.Exception));
        var retryAt = Regex.Match(entries[^1].Message, @"will be retried at (\S+)$").Groups[1].Value;
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{7}\+00:00$", retryAt);
        Assert.InRange(DateTimeOffset.ParseExact(retryAt, "O", CultureInfo.InvariantCulture), before.AddSeconds(-1), before.AddMinutes(1));
    }

    [Fact]
    public async Task A_handler_still_running_after_the_shutdown_timeout_is_canceled_and_reported_as_failed()
    {
        // Each attempt's consumer is stopped while its handler runs: the canceled handler is reported as failed, so the
        // message comes back to the next consumer, and the last report makes it a dead letter showing the error.
        var (tag, group) = (Unique.Name("slow"), Unique.Name("group"));
        var started = Waiting.NewChannel<TaskMessage>();
        await fixture.SubscribeAsync(group, tag);
        var taskId = string.Empty;
        for (var attempt = 1; attempt <= ServerFixture.Attempts; attempt++)
        {
            var options = fixture.ConsumerOptions(group);
            options.ShutdownTimeout = TimeSpan.Zero;
            await using var consumer = new TaskConsumer(fixture.Client, options);
            consumer.Register(tag, async (context, cancellationToken) =>
            {
                started.Writer.TryWrite(context.Message);
                await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
            });
            await consumer.StartAsync();
            if (attempt == 1)
            {
                taskId = (await Client.AddTaskAsync(NewTask.Once(tag, "never finishes"))).TaskId;
            }

            var message = await started.NextAsync();
            Assert.Equal((taskId, attempt), (message.TaskId, message.Attempt));

            await consumer.StopAsync().OrTimeout();
        }

        var letter = Assert.Single(await Waiting.PollAsync(() => Client.GetDeadLettersAsync(group), letters => letters.Count > 0));
        Assert.Equal((taskId, ServerFixture.Attempts), (letter.TaskId, letter.Attempts));
        Assert.Equal("canceled: the consumer stopped before the handler finished", letter.LastError);
    }
}

public sealed class TaskConsumerRetryTestsOnSqlite(SqliteServerFixture fixture) : TaskConsumerRetryTests(fixture), IClassFixture<SqliteServerFixture>;

public sealed class TaskConsumerRetryTestsOnPostgres(PostgresServerFixture fixture) : TaskConsumerRetryTests(fixture), IClassFixture<PostgresServerFixture>;

public sealed class TaskConsumerRetryTestsOnPostgresRabbitMq(PostgresRabbitMqServerFixture fixture) : TaskConsumerRetryTests(fixture), IClassFixture<PostgresRabbitMqServerFixture>;
