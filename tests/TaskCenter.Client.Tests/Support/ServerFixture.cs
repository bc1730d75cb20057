using TaskCenter.Testing;

namespace TaskCenter.Client.Tests.Support;

/// <summary>
/// One real server per test class (Kestrel on loopback, a real SQLite file), and a client for it. Retries are short,
/// so a failed message walks the retry ladder in well under a second: 200 ms, 200 ms, then a dead letter.
/// Tests use their own task names and groups (see <see cref="Unique"/>), so they don't interfere.
/// </summary>
public sealed class ServerFixture : IAsyncLifetime
{
    /// <summary>Attempts a message gets before it is a dead letter: the first delivery and <c>Queue:MaxRetries</c> retries.</summary>
    public const int Attempts = 3;

    public static IReadOnlyDictionary<string, string?> ShortRetries { get; } = new Dictionary<string, string?>
    {
        ["Queue:RetryDelays:0"] = "00:00:00.200",
        ["Queue:RetryDelays:1"] = "00:00:00.200",
        ["Queue:MaxRetries"] = "2",
    };

    public RunningServer Server { get; private set; } = null!;

    public TaskCenterClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await RunningServer.StartAsync(ShortRetries);
        Client = new TaskCenterClient(new TaskCenterClientOptions { BaseAddress = Server.BaseAddress });
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
    }

    /// <summary>Options of a consumer of <paramref name="group"/> on this server.</summary>
    public TaskConsumerOptions ConsumerOptions(string group) => new() { BaseAddress = Server.BaseAddress, Group = group };

    /// <summary>
    /// Records the group's subscription before the test adds tasks, so their fires are routed to the group whether or not
    /// a consumer started in the background has polled yet (a consume call subscribes; no message is ready yet).
    /// </summary>
    public async Task SubscribeAsync(string group, string tags) =>
        Assert.Empty(await Client.ConsumeAsync(new ConsumeRequest { Group = group, Tags = tags }));

    /// <summary>Asserts the group holds none of the messages any more: each was acknowledged (or dead-lettered).</summary>
    public async Task AssertSettledAsync(string group, params string[] msgIds) =>
        Assert.Empty(await Client.AckAsync(group, msgIds));
}
