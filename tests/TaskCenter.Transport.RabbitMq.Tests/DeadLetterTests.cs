using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using TaskCenter.Client;
using TaskCenter.Client.Consumer;
using TaskCenter.Core.Delivery;
using TaskCenter.Transport.RabbitMq.DeadLetters;
using TaskCenter.Transport.RabbitMq.Tests.Support;

namespace TaskCenter.Transport.RabbitMq.Tests;

[Collection(BrokerCollection.Name)]
public sealed class DeadLetterTests(BrokerFixture broker)
{
    [Fact]
    public async Task After_its_retries_a_message_is_dead_lettered_recorded_by_the_server_and_redriven_to_its_group()
    {
        var server = broker.Server;
        await using var harness = await TransportHarness.StartAsync(server);
        var (tag, group) = (Unique.Name("doomed"), Unique.Name("g"));
        var redriven = 0;
        var attempts = Channel.CreateUnbounded<int>();
        await using var consumer = await RabbitConsumers.StartAsync(
            harness,
            server.AmqpUri,
            group,
            tag,
            (context, _) =>
            {
                attempts.Writer.TryWrite(context.Attempt);
                return Volatile.Read(ref redriven) == 0 ? throw new InvalidOperationException("boom") : Task.CompletedTask;
            },
            rabbit =>
            {
                rabbit.MaxRetries = 2;
                rabbit.RetryDelays = [TimeSpan.FromMilliseconds(50)];
            });

        var fire = await harness.FireAsync(tag, "payload");
        Assert.Equal([1, 2, 3], await attempts.NextAsync(3));
        await harness.Logs.WaitForAsync(e => e.Category == typeof(DeadLetterDrain).FullName); // the server recorded it

        var letter = Assert.Single(await harness.Ledger.ListDeadLettersAsync(group, 10, null, CancellationToken.None));
        Assert.Equal(fire.MsgId, letter.MsgId);
        Assert.Equal(fire.TaskId, letter.TaskId);
        Assert.Equal(tag, letter.Name);
        Assert.Equal("payload", letter.Data);
        Assert.Equal(fire.FireTime, letter.FireTime);
        Assert.Equal(3, letter.Attempts);
        Assert.Equal("boom", letter.LastError);

        Volatile.Write(ref redriven, 1);
        var redrive = harness.Services.GetRequiredService<IDeadLetterRedrive>();
        Assert.Equal([fire.MsgId], await redrive.RedriveAsync(group, msgIds: null, CancellationToken.None));

        Assert.Equal(1, await attempts.NextAsync()); // a fresh retry budget
        Assert.Empty(await harness.Ledger.ListDeadLettersAsync(group, 10, null, CancellationToken.None));
    }
}
