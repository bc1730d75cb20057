using TaskCenter.Client.Consumer;
using TaskCenter.RabbitMq.Contract;

namespace TaskCenter.Client.RabbitMq;

/// <summary>
/// Settings of a consumer that takes its messages straight from RabbitMQ (<see cref="RabbitMqTaskConsumerOptionsExtensions.UseRabbitMq(TaskConsumerOptions, Action{RabbitMqConsumerOptions})"/>).
/// Group, handlers, concurrency, lease and reconnect pauses stay those of <see cref="TaskConsumerOptions"/>.
/// </summary>
public sealed class RabbitMqConsumerOptions
{
    /// <summary>
    /// RabbitMQ's delay levels, as the server's built-in queue retries (<c>Queue:RetryDelays</c>): 10s 30s 1m 2m 3m 4m 5m
    /// 6m 7m 8m 9m 10m 20m 30m 1h 2h. A copy of the server's list: the SDK shares no code with the server.
    /// </summary>
    public static readonly IReadOnlyList<TimeSpan> RocketMqDelayLevels =
    [
        TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(2),
        TimeSpan.FromMinutes(3), TimeSpan.FromMinutes(4), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(6),
        TimeSpan.FromMinutes(7), TimeSpan.FromMinutes(8), TimeSpan.FromMinutes(9), TimeSpan.FromMinutes(10),
        TimeSpan.FromMinutes(20), TimeSpan.FromMinutes(30), TimeSpan.FromHours(1), TimeSpan.FromHours(2),
    ];

    /// <summary>The broker, <c>amqp://user:password@host:port/vhost</c> (or <c>amqps://</c>). Default <c>amqp://guest:guest@127.0.0.1:5672/</c>.</summary>
    public Uri Uri { get; set; } = new("amqp://guest:guest@127.0.0.1:5672/");

    /// <summary>The server's topic exchange (its <c>Delivery:RabbitMq:Exchange</c>); every other name derives from it. Default <c>taskcenter</c>.</summary>
    public string Exchange { get; set; } = "taskcenter";

    /// <summary>Delay before the n-th retry of a failed message (n from 1); retries past the list use its last entry.</summary>
    public IList<TimeSpan> RetryDelays { get; set; } = [.. RocketMqDelayLevels];

    /// <summary>Retries after the first delivery before a failed message becomes a dead letter. Default 16.</summary>
    public int MaxRetries { get; set; } = 16;

    /// <summary>How long the broker may take to confirm a retry or dead letter the consumer publishes. Default 30 s.</summary>
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Throws an <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        BrokerAddress.Validate(Uri, Exchange);
        if (MaxRetries < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxRetries), MaxRetries, $"{nameof(MaxRetries)} must not be negative.");
        }

        if (RetryDelays is null || RetryDelays.Any(d => d < TimeSpan.Zero || d.TotalMilliseconds > int.MaxValue))
        {
            throw new ArgumentException($"{nameof(RetryDelays)} must be zero or more, each at most {int.MaxValue} ms.", nameof(RetryDelays));
        }

        if (PublishTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(PublishTimeout), PublishTimeout, $"{nameof(PublishTimeout)} must be positive.");
        }
    }

    /// <summary>The delay before retry number <paramref name="retry"/> (1-based).</summary>
    internal TimeSpan DelayBeforeRetry(int retry) =>
        RetryDelays.Count == 0 ? TimeSpan.Zero : RetryDelays[Math.Clamp(retry, 1, RetryDelays.Count) - 1];

    internal RabbitMqConsumerOptions Clone() => new()
    {
        Uri = Uri,
        Exchange = Exchange,
        RetryDelays = [.. RetryDelays],
        MaxRetries = MaxRetries,
        PublishTimeout = PublishTimeout,
    };
}
