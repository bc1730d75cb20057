using TaskCenter.Client.Consumer;
namespace TaskCenter.Client.Tests.Support;

/// <summary>How consumers reach their group's messages on a backend, and how a test looks at what a group holds.</summary>
public interface IGroupDelivery
{
    /// <summary>Points a consumer's options at <paramref name="group"/> on this backend, with the fixture's short retries.</summary>
    void ConfigureConsumer(TaskConsumerOptions options, string group);

    /// <summary>
    /// Makes sure the group receives the fires of <paramref name="tags"/> recorded from now on, with no consumer of it
    /// running (a consumer's StartAsync subscribes by itself): for a group whose consumers start later, or never.
    /// </summary>
    Task SubscribeAsync(string group, string tags);

    /// <summary>Asserts the group holds none of the messages any more: each was acknowledged (or dead-lettered). Call it once the group's consumers stopped.</summary>
    Task AssertSettledAsync(string group, IReadOnlyList<string> msgIds);

    /// <summary>Takes the next message waiting in the group (with no consumer running), and returns its task id.</summary>
    Task<string> TakeWaitingAsync(string group, string tags);
}
