using TaskCenter.Client.Consumer;
namespace TaskCenter.Client.Tests.Support;

/// <summary>The server's built-in queue, consumed over HTTP.</summary>
public sealed class BuiltInQueueDelivery(TaskCenterClient client) : IGroupDelivery
{
    public void ConfigureConsumer(TaskConsumerOptions options, string group) => options.Group = group;

    /// <summary>A consume call records the group's subscription; no message is ready yet.</summary>
    public async Task SubscribeAsync(string group, string tags) =>
        Assert.Empty(await client.ConsumeAsync(new ConsumeRequest { Group = group, Tags = tags }));

    /// <summary>An ack of a message the group no longer holds acks nothing.</summary>
    public async Task AssertSettledAsync(string group, IReadOnlyList<string> msgIds) =>
        Assert.Empty(await client.AckAsync(group, msgIds));

    public async Task<string> TakeWaitingAsync(string group, string tags)
    {
        var waiting = await client.ConsumeAsync(new ConsumeRequest { Group = group, Tags = tags, WaitTime = TimeSpan.FromSeconds(10) });
        var message = Assert.Single(waiting);
        Assert.Equal([message.MsgId], await client.AckAsync(group, [message.MsgId]));
        return message.TaskId;
    }
}
