namespace TaskCenter.Storage.Postgres.Database;

/// <summary>The LISTEN/NOTIFY channels instances sharing one schema signal each other on.</summary>
internal sealed class NotificationChannels(string schema)
{
    /// <summary>Queue messages became ready (fires routed, a nack's retry, a redrive, a subscription's hand-over). No payload.</summary>
    public string Queue { get; } = schema + "_queue";

    /// <summary>A task was added; the payload is its next fire, in unix milliseconds.</summary>
    public string Tasks { get; } = schema + "_tasks";

    public const string Notify = "SELECT pg_notify(@channel, @payload)";
}
