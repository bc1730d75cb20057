using TaskCenter.Client.Consumer;
namespace TaskCenter.Client.Tests.Support;

/// <summary>
/// One real server per test class (Kestrel on loopback) on the fixture's backend, a client for it, and the consumers'
/// way to their group's messages there (<see cref="IGroupDelivery"/>): the built-in queue over HTTP, or RabbitMQ.
/// Retries are short, so a failed message walks the retry ladder in well under a second: 200 ms, 200 ms, then a dead
/// letter. Tests use their own task names and groups (see <see cref="Unique"/>), so they don't interfere. A suite is an
/// abstract class taking a <see cref="ServerFixture"/>, run once per backend by a sealed subclass per fixture.
/// </summary>
public abstract class ServerFixture(TestBackend backend) : IAsyncLifetime
{
    /// <summary>Retries after the first delivery before a failed message is a dead letter.</summary>
    public const int MaxRetries = 2;

    /// <summary>Attempts a message gets before it is a dead letter: the first delivery and <see cref="MaxRetries"/> retries.</summary>
    public const int Attempts = MaxRetries + 1;

    /// <summary>The pause before each retry.</summary>
    public static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(200);

    private IGroupDelivery _delivery = null!;

    public TestBackend Backend => backend;

    public RunningServer Server { get; private set; } = null!;

    public TaskCenterClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        // The built-in queue retries as the server says; over RabbitMQ the consumer retries (RabbitMqDelivery).
        Server = await RunningServer.StartAsync(
            new Dictionary<string, string?>
            {
                ["Queue:RetryDelays:0"] = RetryDelay.ToString(),
                ["Queue:RetryDelays:1"] = RetryDelay.ToString(),
                ["Queue:MaxRetries"] = MaxRetries.ToString(System.Globalization.CultureInfo.InvariantCulture),
            },
            backend: backend);
        Client = new TaskCenterClient(new TaskCenterClientOptions { BaseAddress = Server.BaseAddress });
        _delivery = Server.RabbitMq is { } rabbitMq
            ? new RabbitMqDelivery(rabbitMq)
            : new BuiltInQueueDelivery(Client);
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
    }

    /// <summary>Options of a client of this server.</summary>
    public TaskCenterClientOptions ClientOptions => new() { BaseAddress = Server.BaseAddress };

    /// <summary>Options of a consumer of <paramref name="group"/> on this server (through <see cref="Client"/>).</summary>
    public TaskConsumerOptions ConsumerOptions(string group)
    {
        var options = new TaskConsumerOptions();
        ConfigureConsumer(options, group);
        return options;
    }

    /// <inheritdoc cref="IGroupDelivery.ConfigureConsumer"/>
    public void ConfigureConsumer(TaskConsumerOptions options, string group) => _delivery.ConfigureConsumer(options, group);

    /// <inheritdoc cref="IGroupDelivery.SubscribeAsync"/>
    public Task SubscribeAsync(string group, string tags) => _delivery.SubscribeAsync(group, tags);

    /// <inheritdoc cref="IGroupDelivery.AssertSettledAsync"/>
    public Task AssertSettledAsync(string group, params string[] msgIds) => _delivery.AssertSettledAsync(group, msgIds);

    /// <inheritdoc cref="IGroupDelivery.TakeWaitingAsync"/>
    public Task<string> TakeWaitingAsync(string group, string tags) => _delivery.TakeWaitingAsync(group, tags);
}

public sealed class SqliteServerFixture() : ServerFixture(TestBackend.Sqlite);

public sealed class PostgresServerFixture() : ServerFixture(TestBackend.Postgres);

public sealed class PostgresRabbitMqServerFixture() : ServerFixture(TestBackend.PostgresRabbitMq);
