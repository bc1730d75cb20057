using System.Net;
using System.Threading.Channels;
using TaskCenter.Client;
using TaskCenter.Client.Consumer;
using TaskCenter.Testing;

namespace TaskCenter.Server.Tests.Security;

/// <summary>The .NET SDK sends its ApiKey option as a bearer key: a producer adds, a consumer receives.</summary>
public sealed class SdkWithKeysTests(KeyedServerFixture fixture) : IClassFixture<KeyedServerFixture>
{
    [Fact]
    public async Task A_producer_key_adds_and_a_consumer_key_consumes()
    {
        var received = Channel.CreateUnbounded<string>();
        using var consumerClient = new TaskCenterClient(new TaskCenterClientOptions { BaseAddress = fixture.Server.BaseAddress, ApiKey = TestKeys.Consumer });
        await using var consumer = new TaskConsumer(consumerClient, new TaskConsumerOptions
        {
            Group = "sdk-sec-group",
            WaitTime = TimeSpan.FromSeconds(5),
        });
        consumer.Register("sdk-sec-tag", (context, _) =>
        {
            received.Writer.TryWrite(context.Data);
            return Task.CompletedTask;
        });
        await consumer.StartAsync();
        using var producer = new TaskCenterClient(new TaskCenterClientOptions { BaseAddress = fixture.Server.BaseAddress, ApiKey = TestKeys.Producer });

        await producer.AddTaskAsync(NewTask.Once("sdk-sec-tag", "sdk-payload"));

        Assert.Equal("sdk-payload", await received.NextAsync());
    }

    [Fact]
    public async Task A_producer_key_may_not_consume()
    {
        using var producer = new TaskCenterClient(new TaskCenterClientOptions { BaseAddress = fixture.Server.BaseAddress, ApiKey = TestKeys.Producer });

        var error = await Assert.ThrowsAsync<TaskCenterApiException>(
            () => producer.ConsumeAsync(new ConsumeRequest { Group = "sdk-sec-other", Tags = "*", WaitTime = TimeSpan.Zero }));

        Assert.Equal(HttpStatusCode.Forbidden, error.StatusCode);
        Assert.Equal(403, error.Err);
    }
}
