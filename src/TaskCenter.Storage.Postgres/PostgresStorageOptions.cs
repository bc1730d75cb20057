using TaskCenter.Core.Delivery;

namespace TaskCenter.Storage.Postgres;

/// <summary>Settings of the PostgreSQL storage (the host binds them, e.g. from a "Storage:Postgres" section).</summary>
public sealed class PostgresStorageOptions
{
    /// <summary>
    /// The Npgsql connection string (required), e.g. <c>Host=db;Database=taskcenter;Username=tc;Password=…</c>. Its
    /// Timeout (connect, default 15 s) and Command Timeout (default 30 s) bound every call; the storage adds the search
    /// path, TCP keepalives and the session settings that let other instances take over (<see cref="TakeOverTimeout"/>).
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// The schema every table lives in, created when missing; also the prefix of the notification channels
    /// (<c>&lt;schema&gt;_queue</c>, <c>&lt;schema&gt;_tasks</c>). Lower-case letters, digits and underscores.
    /// </summary>
    public string Schema { get; set; } = "taskcenter";

    /// <summary>
    /// Where recorded fires go: the built-in queue (the default), or the outbox an external transport publishes from
    /// (set by the host when it delivers through RabbitMQ).
    /// </summary>
    public FireRouting Routing { get; set; } = FireRouting.BuiltInQueue;

    /// <summary>
    /// How long the work of an instance that died (or hangs) mid-transaction stays locked: its session is ended by the
    /// server after this long idle in a transaction (and dead clients are detected by TCP keepalives within it), so
    /// another instance takes its due tasks, leases and outbox fires. An outbox publish must finish within it.
    /// </summary>
    public TimeSpan TakeOverTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
